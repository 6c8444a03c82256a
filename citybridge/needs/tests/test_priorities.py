from citybridge.needs.priorities import NeedRow, grid, rank_themes


def row(pk, city, theme, priority="medium", is_open=True):
    return NeedRow(pk, city, theme, priority, is_open)


def test_themes_rank_by_distinct_cities_not_by_needs():
    rows = [row(1, 10, 1), row(2, 10, 1), row(3, 10, 1), row(4, 11, 2), row(5, 12, 2)]
    ranks = rank_themes(rows, member_ids={10, 11, 12})
    assert [r.theme_id for r in ranks] == [2, 1]
    assert (len(ranks[0].cities), ranks[0].needs) == (2, 2)
    assert (len(ranks[1].cities), ranks[1].needs) == (1, 3)


def test_member_cities_are_counted_apart_from_all_cities():
    ranks = rank_themes([row(1, 10, 1), row(2, 99, 1)], member_ids={10})
    assert len(ranks[0].cities) == 2
    assert ranks[0].member_cities == {10}


def test_high_priority_breaks_a_tie():
    rows = [row(1, 10, 1), row(2, 11, 2, priority="high")]
    assert [r.theme_id for r in rank_themes(rows, set())] == [2, 1]


def test_cells_shade_by_the_number_of_needs_alone_and_mark_a_high_priority_apart():
    rows = [row(1, 10, 1), row(2, 10, 1, is_open=False), row(3, 11, 1, priority="high")]
    rows += [row(4, 12, 1), row(5, 12, 1), row(6, 12, 1), row(7, 12, 1)]
    cells = grid(rows)
    assert (cells[(10, 1)].needs, cells[(10, 1)].open, cells[(10, 1)].level) == (2, 1, 2)
    assert (cells[(11, 1)].level, cells[(11, 1)].has_high) == (1, True)  # one need, not dark
    assert (cells[(12, 1)].level, cells[(12, 1)].has_high) == (3, False)
    assert not cells[(10, 1)].has_high
    assert (13, 1) not in cells
