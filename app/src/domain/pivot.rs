//! The pivot of groups (thôn / tổ dân phố) × topics (nhóm nội dung). Opinions add up; issues and
//! households do not (one issue or household can span several cells), so their totals are
//! counted distinctly by the database and only checked, never summed, here.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Measure {
    /// Ý kiến.
    #[default]
    Opinions,
    /// Vấn đề (distinct issues the cell's opinions belong to).
    Issues,
    /// Hộ (distinct households that raised the cell's opinions).
    Households,
}

impl Measure {
    /// All measures, in the switch's order.
    pub const ALL: [Measure; 3] = [Measure::Opinions, Measure::Issues, Measure::Households];

    /// URL code.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Opinions => "y-kien",
            Measure::Issues => "van-de",
            Measure::Households => "ho",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Opinions => "Số ý kiến",
            Measure::Issues => "Số vấn đề",
            Measure::Households => "Số hộ",
        }
    }

    /// Parses a URL code.
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The three counts of one cell, row, column or the whole table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Opinions.
    pub opinions: i64,
    /// Distinct issues.
    pub issues: i64,
    /// Distinct households.
    pub households: i64,
}

impl Counts {
    /// The count for a measure.
    pub fn get(&self, measure: Measure) -> i64 {
        match measure {
            Measure::Opinions => self.opinions,
            Measure::Issues => self.issues,
            Measure::Households => self.households,
        }
    }
}

/// A row or column heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// Group or topic id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// The full pivot: every group and topic of the campaign, zeros included.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PivotTable {
    /// Rows.
    pub groups: Vec<Heading>,
    /// Columns.
    pub topics: Vec<Heading>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Counts>>,
    /// Per group, counted distinctly across its topics.
    pub row_totals: Vec<Counts>,
    /// Per topic, counted distinctly across its groups.
    pub column_totals: Vec<Counts>,
    /// The whole table, counted distinctly.
    pub total: Counts,
}

/// Counts keyed by ids, as the database returns them (cells that are empty are absent).
#[derive(Debug, Clone, Default)]
pub struct RawPivot {
    /// (group, topic, counts) for non-empty cells.
    pub cells: Vec<(Uuid, Uuid, Counts)>,
    /// (group, counts).
    pub rows: Vec<(Uuid, Counts)>,
    /// (topic, counts).
    pub columns: Vec<(Uuid, Counts)>,
    /// Whole table.
    pub total: Counts,
}

impl PivotTable {
    /// Lays raw counts out on the given headings. Counts for ids outside the headings (a group
    /// removed from the campaign later) are dropped from cells but stay in the distinct totals,
    /// which [`PivotTable::opinions_add_up`] then reports.
    pub fn assemble(groups: Vec<Heading>, topics: Vec<Heading>, raw: RawPivot) -> PivotTable {
        let row_of = |id: Uuid| groups.iter().position(|g| g.id == id);
        let col_of = |id: Uuid| topics.iter().position(|t| t.id == id);
        let mut cells = vec![vec![Counts::default(); topics.len()]; groups.len()];
        for (g, t, counts) in raw.cells {
            if let (Some(r), Some(c)) = (row_of(g), col_of(t)) {
                cells[r][c] = counts;
            }
        }
        let mut row_totals = vec![Counts::default(); groups.len()];
        for (g, counts) in raw.rows {
            if let Some(r) = row_of(g) {
                row_totals[r] = counts;
            }
        }
        let mut column_totals = vec![Counts::default(); topics.len()];
        for (t, counts) in raw.columns {
            if let Some(c) = col_of(t) {
                column_totals[c] = counts;
            }
        }
        PivotTable {
            groups,
            topics,
            cells,
            row_totals,
            column_totals,
            total: raw.total,
        }
    }

    /// True when opinion cells sum to their row, column and grand totals, as they must: every
    /// opinion has exactly one group and one topic.
    pub fn opinions_add_up(&self) -> bool {
        let rows_ok = self
            .cells
            .iter()
            .zip(&self.row_totals)
            .all(|(row, total)| row.iter().map(|c| c.opinions).sum::<i64>() == total.opinions);
        let columns_ok = self.column_totals.iter().enumerate().all(|(c, total)| {
            self.cells.iter().map(|row| row[c].opinions).sum::<i64>() == total.opinions
        });
        let grand = self.row_totals.iter().map(|r| r.opinions).sum::<i64>();
        rows_ok && columns_ok && grand == self.total.opinions
    }

    /// Distinct totals can never exceed the sum of their parts nor fall below the largest part.
    pub fn distinct_totals_plausible(&self) -> bool {
        let within = |parts: &mut dyn Iterator<Item = i64>, total: i64| {
            let (mut sum, mut max) = (0, 0);
            for p in parts {
                sum += p;
                max = max.max(p);
            }
            total <= sum && total >= max
        };
        [Measure::Issues, Measure::Households].into_iter().all(|m| {
            let rows = self
                .cells
                .iter()
                .zip(&self.row_totals)
                .all(|(row, t)| within(&mut row.iter().map(|c| c.get(m)), t.get(m)));
            let grand = within(
                &mut self.row_totals.iter().map(|r| r.get(m)),
                self.total.get(m),
            );
            rows && grand
        })
    }
}

/// One bar of a chart: its label, value and length as a share of the longest bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// Group or topic name.
    pub label: String,
    /// The number shown at the bar's end.
    pub value: i64,
    /// 0..=1, relative to the largest value.
    pub share: f64,
}

/// Bars for labelled values, scaled to the largest; all zero when every value is zero.
pub fn bars(values: impl IntoIterator<Item = (String, i64)>) -> Vec<Bar> {
    let values: Vec<(String, i64)> = values.into_iter().collect();
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(0);
    values
        .into_iter()
        .map(|(label, value)| Bar {
            label,
            value,
            share: if max == 0 {
                0.0
            } else {
                value.max(0) as f64 / max as f64
            },
        })
        .collect()
}

impl RawPivot {
    /// Totals from per-cell counts `(group, topic, opinions, households)`, per-group households
    /// (a household speaking on two topics is one household of its group) and the distinct
    /// `(group, topic, issue)` triples of merged opinions: an issue counts once per cell, row,
    /// column and in the total, however many of its supporters fall there.
    pub fn tally(
        cells: &[(Uuid, Uuid, i64, i64)],
        row_households: &HashMap<Uuid, i64>,
        merged: &[(Uuid, Uuid, Uuid)],
    ) -> RawPivot {
        let mut cell_issues: HashMap<(Uuid, Uuid), HashSet<Uuid>> = HashMap::new();
        let mut row_issues: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        let mut column_issues: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        let mut all_issues = HashSet::new();
        for (g, t, i) in merged {
            cell_issues.entry((*g, *t)).or_default().insert(*i);
            row_issues.entry(*g).or_default().insert(*i);
            column_issues.entry(*t).or_default().insert(*i);
            all_issues.insert(*i);
        }
        let mut rows: HashMap<Uuid, Counts> = HashMap::new();
        let mut columns: HashMap<Uuid, Counts> = HashMap::new();
        let mut raw = RawPivot::default();
        for (g, t, opinions, households) in cells {
            let issues = cell_issues.get(&(*g, *t)).map_or(0, HashSet::len) as i64;
            raw.cells.push((
                *g,
                *t,
                Counts {
                    opinions: *opinions,
                    issues,
                    households: *households,
                },
            ));
            let row = rows.entry(*g).or_default();
            row.opinions += opinions;
            let column = columns.entry(*t).or_default();
            column.opinions += opinions;
            column.households += households;
        }
        for (g, row) in &mut rows {
            row.households = row_households.get(g).copied().unwrap_or(0);
            row.issues = row_issues.get(g).map_or(0, HashSet::len) as i64;
        }
        for (t, column) in &mut columns {
            column.issues = column_issues.get(t).map_or(0, HashSet::len) as i64;
        }
        raw.total = Counts {
            opinions: rows.values().map(|r| r.opinions).sum(),
            issues: all_issues.len() as i64,
            households: rows.values().map(|r| r.households).sum(),
        };
        raw.rows = rows.into_iter().collect();
        raw.columns = columns.into_iter().collect();
        raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_count_an_issue_once_and_a_household_once_per_group() {
        let (g1, g2, t1, t2, i1) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        // g1 has 3 households over both topics (one household speaks on both)
        let cells = [(g1, t1, 2, 2), (g1, t2, 2, 2), (g2, t2, 1, 1)];
        let rows = HashMap::from([(g1, 3), (g2, 1)]);
        // one issue spans both groups and both topics
        let merged = [(g1, t1, i1), (g1, t2, i1), (g2, t2, i1)];
        let raw = RawPivot::tally(&cells, &rows, &merged);
        let expect = |opinions, issues, households| Counts {
            opinions,
            issues,
            households,
        };
        assert_eq!(raw.total, expect(5, 1, 4));
        let row = |g| raw.rows.iter().find(|(id, _)| *id == g).map(|(_, c)| *c);
        assert_eq!(row(g1), Some(expect(4, 1, 3)));
        let column = |t| raw.columns.iter().find(|(id, _)| *id == t).map(|(_, c)| *c);
        assert_eq!(column(t2), Some(expect(3, 1, 3)));
    }

    fn heading(name: &str) -> Heading {
        Heading {
            id: Uuid::now_v7(),
            name: name.into(),
        }
    }

    fn counts(opinions: i64, issues: i64, households: i64) -> Counts {
        Counts {
            opinions,
            issues,
            households,
        }
    }

    fn sample() -> PivotTable {
        let groups = vec![heading("An Sơn"), heading("An Lâu")];
        let topics = vec![heading("Kinh tế"), heading("Nông thôn mới")];
        let raw = RawPivot {
            cells: vec![
                (groups[0].id, topics[0].id, counts(3, 1, 2)),
                (groups[0].id, topics[1].id, counts(2, 1, 2)),
                (groups[1].id, topics[1].id, counts(4, 1, 3)),
            ],
            rows: vec![
                (groups[0].id, counts(5, 2, 3)),
                (groups[1].id, counts(4, 1, 3)),
            ],
            columns: vec![
                (topics[0].id, counts(3, 1, 2)),
                (topics[1].id, counts(6, 1, 5)),
            ],
            // one issue spans both groups in "Nông thôn mới"
            total: counts(9, 2, 6),
        };
        PivotTable::assemble(groups, topics, raw)
    }

    #[test]
    fn empty_cells_are_zero_and_headings_keep_their_order() {
        let table = sample();
        assert_eq!(table.cells[1][0], Counts::default());
        assert_eq!(table.cells[1][1].opinions, 4);
        assert_eq!(table.groups[0].name, "An Sơn");
    }

    #[test]
    fn opinions_add_up_across_rows_columns_and_total() {
        let table = sample();
        assert!(table.opinions_add_up());
        let mut broken = table.clone();
        broken.cells[0][0].opinions += 1;
        assert!(!broken.opinions_add_up());
    }

    #[test]
    fn distinct_totals_are_checked_not_summed() {
        let table = sample();
        // issues: cells sum to 3 but only 2 distinct issues exist
        assert_eq!(table.total.issues, 2);
        assert!(table.distinct_totals_plausible());
        let mut broken = table.clone();
        broken.total.households = 20;
        assert!(!broken.distinct_totals_plausible());
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let b = bars(vec![("A".into(), 2), ("B".into(), 8), ("C".into(), 0)]);
        assert_eq!(b[1].share, 1.0);
        assert!((b[0].share - 0.25).abs() < 1e-9);
        assert_eq!(b[2].share, 0.0);
        assert!(bars(vec![("A".into(), 0)]).iter().all(|b| b.share == 0.0));
    }

    #[test]
    fn measures_round_trip() {
        for m in Measure::ALL {
            assert_eq!(Measure::from_code(m.code()), Some(m));
        }
    }
}
