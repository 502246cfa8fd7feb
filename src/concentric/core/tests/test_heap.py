import gc

from concentric.core.heap import YOUNG_GENERATION_THRESHOLD, prepare_for_requests


def test_a_serving_process_freezes_its_start_up_and_collects_the_young_less_often():
    threshold = gc.get_threshold()
    try:
        prepare_for_requests()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, threshold[1], threshold[2])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
