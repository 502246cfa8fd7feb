import gc

from concentric.core.heap import prepare_for_requests


def test_a_serving_process_freezes_its_start_up_and_keeps_pythons_collector_by_default():
    threshold = gc.get_threshold()
    try:
        prepare_for_requests()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_the_young_generation_threshold_is_opt_in(settings):
    threshold = gc.get_threshold()
    settings.GC_YOUNG_THRESHOLD = 50_000
    try:
        prepare_for_requests()
        assert gc.get_threshold() == (50_000, threshold[1], threshold[2])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
