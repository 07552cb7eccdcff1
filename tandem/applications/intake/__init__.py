"""The intake channels besides the public web form: paper, interview and import (CSV or Excel).

Paper and interview entries are stored through `tandem.applications.services.submit_application`, the same
service as the web form; an import stores all its rows at once through `tandem.applications.bulk`, which
writes the same rows (requirement profile, duplicate flags, e-mails, audit log) in a few bulk inserts.
"""
