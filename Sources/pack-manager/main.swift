import Foundation
import PackManagerCLI

// The program is PackManagerCLI; this target only gives it a process.
exit(await PackManagerProgram.run(Array(CommandLine.arguments.dropFirst())))
