from outward.core.runs import run_here
from outward.events.models import AgendaPlacement
from tests.events.conference import build_conference


def test_solve_run_stores_the_agenda_and_says_what_it_found(world):
    c = build_conference(world)
    run = run_here(
        "events.solve_agenda", user=world.manager, label="Solve", event_id=c.event.pk, time_limit=1
    )
    assert (run.state, run.result["votes"], run.result["clashes"]) == ("success", 3, 0)
    assert run.message.startswith("Agenda stored")
    assert AgendaPlacement.objects.filter(event=c.event, plan="solved").count() == 4


def test_infeasible_run_fails_with_each_reason_and_stores_nothing(world):
    c = build_conference(world)
    c.workshop.expected_attendance = 999
    c.workshop.save()
    run = run_here(
        "events.solve_agenda", user=world.manager, label="Solve", event_id=c.event.pk, time_limit=1
    )
    assert (run.state, run.result["errors"]) == (
        "failed",
        [
            {
                "message": "“Hands-on lab” cannot fit in any room: it needs 999 seats, "
                "the largest room (Auditorium) has 200"
            }
        ],
    )
    assert AgendaPlacement.objects.count() == 0
