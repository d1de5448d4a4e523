// AssignmentOrder+ExpressibleByArgument: `--order fill|spread` on `studies create` and `edit`.
import ArgumentParser
import Storage

extension AssignmentOrder: ExpressibleByArgument {}
