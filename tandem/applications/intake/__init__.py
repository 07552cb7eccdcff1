"""The intake channels besides the public web form: paper, interview and import (CSV or Excel).

Every channel stores applications through `tandem.applications.services.submit_application`, the same
service as the web form, so that requirement profile, duplicate flags, e-mails and audit log work alike.
"""
