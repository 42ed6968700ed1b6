"""The casework engine (交办 → 签收 → 办理 → 答复 → 评价 → 重办 → 办结), shared by every client.

How a client app (suggestions, supervision, filings…) uses it::

    from renda.casework.kinds import ensure_kind
    from renda.casework import services as cw
    from renda.casework.selectors import case_for_source, cases_visible_to, deadline_state

    kind = ensure_kind(code="suggestion", name="代表建议")        # statute defaults, rules §1
    case = cw.case_create(actor=staff, kind=kind, title=..., summary=...,
                          requesters=[lead_person, *co_signers],   # first one leads (§1.11)
                          requester_body=None,
                          source_type="suggestions.suggestion", source_id=suggestion.pk)
    cw.case_assign(actor=staff, case=case, lead=unit, co_handlers=[unit2])   # status awaiting_receipt
    # then units/requesters/staff act through the other services, all keyword-only with actor=
    # (assignment_receive, return_request/return_decide, extension_request/extension_decide,
    # co_opinion_submit, co_handlers_override, contact_log, reply_submit, follow_up_reply,
    # rating_submit, dissatisfaction_verify, case_close, case_withdraw, case_merge,
    # case_mark_key, supervision_note_add).

Generic pages live under /office/cases/ (``casework:detail`` for a case); a client
links to ``reverse("casework:detail", args=[case.pk])`` and reads
``case.status`` / ``case.due_on`` / ``case.replies`` / ``case.ratings``.
"""
