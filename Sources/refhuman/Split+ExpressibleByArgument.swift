// Split+ExpressibleByArgument: a split named on the command line (`--split practice`).
import ArgumentParser
import Storage

extension Split: ExpressibleByArgument {}
