// Phase+Database: a judgement's phase is stored as its name ('practice' or 'test').
import GRDB
import StudyPhase

extension Phase: DatabaseValueConvertible {}
