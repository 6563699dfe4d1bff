# Call-detail records (en): a partner's CSV of calls, imported into a case.
calls-title = Call records
calls-hint = A CSV file from a police partner with a header naming the caller, the callee, the start (or a date and a time) and the duration, in any order. Dates may be day first and in Buddhist-era years. Importing the same calls again adds nothing.
calls-file = Call records file (CSV)
calls-import = Import
calls-imported = Calls added
calls-phones-added = new phones
calls-links-added = new links
calls-ignored-columns = columns not used
calls-refused = The file was not imported, nothing of it was kept:
calls-no-file = Choose a file to import.
calls-too-large = The file is larger than 16 MiB: split it.
calls-list = Calls
calls-none = No call records in this case yet.
calls-started = Start
calls-caller = Caller
calls-callee = Callee
calls-duration = Duration
