"""A pack index with many entries (100,000 by default), for the memory guard
(test_memory.py) and for measuring by hand:

    python3 python/tests/big_index.py --out /tmp/big --entries 100000 --base-url http://127.0.0.1:PORT

writes <out>/index.pidx listing Bulk.P000000 ... with <pdsc url> <base-url>/d/;
one entry in `tiny_every` has a small valid description in <out>/d/, the
others are missing there (the server answers 404). Serve <out> with
Tests/Servers/mirror.py (python/tests/conftest.py's mirror_factory).
"""
import argparse
import os

DESCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<package schemaVersion="1.4">
  <vendor>Bulk</vendor>
  <name>{name}</name>
  <description>A tiny pack of the memory test</description>
  <url>{url}</url>
  <releases>
    <release version="1.0.0">First</release>
  </releases>
</package>
"""


def name(position):
    return "P%06d" % position


def write(out, base_url, entries=100000, tiny_every=100):
    """Writes the index and the tiny descriptions; returns how many descriptions exist."""
    folder = os.path.join(out, "d")
    os.makedirs(folder, exist_ok=True)
    url = base_url.rstrip("/") + "/d/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<index schemaVersion="1.1.0">', "  <vendor>Bulk</vendor>", "  <url>%s/</url>" % base_url.rstrip("/"),
             "  <timestamp>2024-01-01T00:00:00</timestamp>", "  <pindex>"]
    tiny = 0
    for position in range(entries):
        lines.append('    <pdsc url="%s" vendor="Bulk" name="%s" version="1.0.0"/>' % (url, name(position)))
        if position % tiny_every == 0:
            with open(os.path.join(folder, "Bulk.%s.pdsc" % name(position)), "w") as handle:
                handle.write(DESCRIPTION.format(name=name(position), url=url))
            tiny += 1
    lines += ["  </pindex>", "</index>", ""]
    with open(os.path.join(out, "index.pidx"), "w") as handle:
        handle.write("\n".join(lines))
    return tiny


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--entries", type=int, default=100000)
    parser.add_argument("--tiny-every", type=int, default=100)
    arguments = parser.parse_args()
    print("%d descriptions" % write(arguments.out, arguments.base_url, arguments.entries, arguments.tiny_every))
