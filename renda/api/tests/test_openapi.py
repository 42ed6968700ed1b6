"""The OpenAPI document: it loads, names every operation and documents auth and errors."""

import pytest

from tests import walkers

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "persons_list",
    "persons_detail",
    "persons_create",
    "persons_update",
    "organizations_list",
    "organizations_detail",
    "organizations_create",
    "organizations_update",
    "posts_list",
    "posts_detail",
    "posts_create",
    "terms_list",
    "terms_detail",
    "terms_create",
    "memberships_list",
    "memberships_detail",
    "memberships_create",
    "memberships_end",
    "deputies_list",
    "deputies_detail",
    "deputies_create",
    "deputies_status_change",
    "meetings_list",
    "meetings_detail",
    "meetings_items_list",
    "meetings_attendance_list",
    "meetings_sign_in",
    "meetings_leave_create",
    "popolo_persons",
    "popolo_organizations",
    "popolo_posts",
    "popolo_memberships",
    "polls_list",
    "polls_detail",
    "polls_cast",
    "polls_results",
    "polls_export",
    "polls_popolo",
    "cases_list",
    "cases_detail",
    "cases_receive",
    "cases_contact_create",
    "cases_reply",
    "cases_rate",
    "suggestions_list",
    "suggestions_detail",
    "suggestions_statistics",
    "suggestions_create",
    "suggestions_submit",
    "meetings_meeting_schedule",
    "meetings_meeting_edit",
    "meetings_meeting_open",
    "meetings_meeting_close",
    "meetings_meeting_add_item",
    "meetings_meeting_reorder",
    "meetings_agenda_item_edit",
    "meetings_agenda_item_decide",
    "meetings_agenda_item_defer",
    "meetings_meeting_add_document",
    "meetings_meeting_mark_absent",
    "meetings_meeting_invite",
    "meetings_pool_entry_add",
    "meetings_leave_request_approve",
    "meetings_leave_request_reject",
    "people_composition",
    "casework_case_create",
    "casework_case_assign",
    "casework_return_request_decide",
    "casework_extension_request_decide",
    "casework_case_verify",
    "casework_case_override",
    "casework_case_close",
    "casework_case_merge",
    "casework_case_withdraw",
    "casework_case_publish_reply",
    "casework_case_withhold_reply",
    "casework_case_note",
    "casework_case_return",
    "casework_case_extend",
    "casework_case_co_opinion",
    "casework_case_follow_up",
    "casework_case_key",
    "casework_case_unkey",
    "suggestions_suggestion_update",
    "suggestions_cosigner_invite",
    "suggestions_cosigner_remove",
    "suggestions_cosigner_confirm",
    "suggestions_suggestion_withdraw",
    "suggestions_suggestion_accept",
    "suggestions_suggestion_not_accept",
    "suggestions_suggestion_merge",
    "suggestions_suggestion_split",
    "suggestions_suggestion_assign",
    "suggestions_assignment_help",
    "meetings_gallery_register",
} | set(walkers.operations())
#: Writes open to everyone (no account): registering for the public gallery (S18).
PUBLIC_WRITES = {
    "meetings_gallery_register",
    "deputies_message_submit",
    "deputies_message_track",
    "legislation_comment_submit",
    "legislation_comment_track",
    "legislation_consultation_register",
}
#: Reads that are never public: cases (design.md, security model).
#: A walker's entry ending in "$" is one exact path (its longer paths may be public).
PRIVATE_READ_PREFIXES = (
    "/api/v1/cases",
    *(p for p in walkers.private_reads() if not p.endswith("$")),
)
PRIVATE_READ_PATHS = {p[:-1] for p in walkers.private_reads() if p.endswith("$")}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            yield path, method, op


def test_openapi_lists_every_operation_with_a_summary(document):
    assert document["openapi"].startswith("3.1")
    found = {op["operationId"]: op for _path, _method, op in operations(document)}
    assert set(found) == OPERATIONS
    assert all(op.get("summary") for op in found.values())


def test_each_operation_has_its_own_schemas(document):
    bodies, outputs = [], []
    for _path, _method, op in operations(document):
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body:  # file uploads (multipart/form-data) are described inline, one per operation
            bodies.append(body["schema"]["$ref"])
        ok = op["responses"].get("200") or op["responses"].get("201")
        outputs.append(ok["content"]["application/json"]["schema"]["$ref"])
    assert len(bodies) == len(set(bodies)) == 29 + 3 + 1 + 28 + walkers.request_bodies()
    # 29 people and meetings (with the gallery), + casework contact, reply, rating; + suggestion draft;
    # + 18 casework actions, 10 suggestion actions; + the domains in tests/walkers
    assert len(outputs) == len(set(outputs)) == len(OPERATIONS)


def test_writes_need_auth_and_reads_are_optional(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    for path, method, op in operations(document):
        if path.startswith("/api/v1/popolo/"):
            assert "security" not in op
        elif method == "get" and (
            path.startswith(PRIVATE_READ_PREFIXES) or path in PRIVATE_READ_PATHS
        ):
            assert op["security"] == [{"BearerAuth": []}, {"SessionAuth": []}]
        elif method == "get" or op["operationId"] in PUBLIC_WRITES:
            assert {} in op["security"]
        else:
            assert op["security"] == [{"BearerAuth": []}, {"SessionAuth": []}]
            assert {"401", "403", "422"} <= set(op["responses"])


def test_list_limit_is_capped_at_200(document):
    params = document["paths"]["/api/v1/persons"]["get"]["parameters"]
    limit = next(p for p in params if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200
