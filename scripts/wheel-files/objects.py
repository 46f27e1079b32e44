"""Prints, one per line, the object files SwiftPM would link into the
library product `cmsis_pack_manager`: the inputs of that product's link
command in SwiftPM's build manifest (<scratch>/release.yaml), written by any
`swift build -c release` in that scratch folder.

    python3 objects.py <scratch folder>
"""
import json
import os
import sys

scratch = sys.argv[1]
manifest = os.path.join(scratch, "release.yaml")
command = None
with open(manifest) as lines:
    for line in lines:
        stripped = line.strip()
        if stripped.startswith('"C.cmsis_pack_manager-') and stripped.endswith('.dylib":'):
            command = stripped
        elif command and stripped.startswith("inputs: "):
            objects = [path for path in json.loads(stripped[len("inputs: "):]) if path.endswith(".o")]
            break
    else:
        sys.exit("error: no link command of cmsis_pack_manager in " + manifest)
missing = [path for path in objects if not os.path.isfile(path)]
if missing:
    sys.exit("error: {} object files are not built, for example {}".format(len(missing), missing[0]))
# One per line, quoted: swiftc reads the list as a response file, and some names have spaces.
print("\n".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in objects))
