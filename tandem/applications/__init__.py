"""Applications: the forms per role, their questions and translations, the public form, CVs, and the
applications themselves with their status history.

Other apps (intake above all) use this one only through its public interface:

- `models`: `ApplicationForm`, `Question`, `ConsentText`, `Application` (the data, read and filtered);
- `builtins`: the catalogue of built-in questions (`Builtin`, `CORE`, `SPECS`, `PAGE_ORDER`, `Page`);
- `services`: submitting one application (`Submission`, `submit_application`, `FormClosed`), the current
  consent (`current_consent`), the form's languages (`form_languages`) and whether staff may enter
  applications (`staff_entry_state`, `Availability`);
- `drafts.to_submission`: answers in the shape of the public form's draft turned into a `Submission`;
- `bulk`: storing many applications at once, the same rows as `submit_application` in bulk inserts;
- `rechecks`: checking a role's applications again after its requirement profile changed
  (`reevaluate_role`); the requirement profile's editor reaches it as the `ApplicantPool` that `apps.py`
  hands to `tandem.requirements.applicants`;
- `public_forms`: the wording of questions and their fields (`wording`, `builtin_field`, `custom_field`,
  `marked_label`, `MENTEE_CAPACITY_CHOICES`) and the language rows (`LANGUAGE_ROWS`, `language_fields`,
  `check_language_rows`, `chosen_languages`);
- `uploads` and `storage`: checking and storing a CV (`check_cv`, `store_cv`, `delete_cv`) and the
  private storage (`PrivateStorage`);
- `consent`: what apps above add to every consent text as it is stored (`add_to_consent`: privacy's
  retention periods);
- `validators`: checking SSYK and municipality codes (the shared vocabulary itself lives in
  `tandem.reference`).

Everything else (views, urls, templates, the editor, rate limits, summaries) is this app's own.
This app does not import the intake app (tandem/intake/tests/test_boundaries.py checks both).
"""
