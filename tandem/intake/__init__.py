"""The intake channels besides the public web form: paper, interview and import (CSV or Excel).

Their forms, views, templates, the printable paper form, the import job the worker runs (`tasks.py`) and
the models they keep beside an application (interview records, import jobs) all live here.

Intake uses the applications app only through its public interface (see `tandem.applications`): paper
and interview entries are stored through `applications.services.submit_application`, the same service as
the web form; an import stores all its rows at once through `applications.bulk`, which writes the same
rows (requirement profile, duplicate flags, e-mails, audit log) in a few bulk inserts. The applications
app does not import intake.
"""
