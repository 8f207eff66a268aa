//! Horizontal bar charts drawn as SVG: no chart library, crisp on paper, numbers printed at the
//! end of every bar so the chart reads without colour.

use leptos::prelude::*;

use crate::domain::pivot::bars;

const ROW: f64 = 26.0;
const LABEL: f64 = 190.0;
const BAR: f64 = 360.0;
const WIDTH: f64 = LABEL + BAR + 60.0;

/// Labels longer than the label column are cut with an ellipsis; the full name is the bar's
/// tooltip and stays in the table above.
fn short_label(label: &str) -> String {
    const MAX: usize = 26;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let mut cut: String = label.chars().take(MAX - 1).collect();
        cut.push('…');
        cut
    }
}

/// One chart; `id` names it for tests and print.
pub(crate) fn bar_chart(
    id: &'static str,
    title: String,
    values: Vec<(String, i64)>,
) -> impl IntoView {
    let list = bars(values);
    let height = ROW * list.len() as f64 + 8.0;
    let rows = list
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 4.0 + ROW * i as f64;
            let width = (BAR * bar.share).max(if bar.value > 0 { 2.0 } else { 0.0 });
            let name = bar.label.clone();
            let shown = short_label(&bar.label);
            view! {
                <g data-bar=name data-value=bar.value>
                    <title>{bar.label}</title>
                    <text x=LABEL - 8.0 y=y + 17.0 text-anchor="end" class="chart-label">{shown}</text>
                    <rect x=LABEL y=y + 3.0 width=width height=ROW - 8.0 class="chart-bar"/>
                    <text x=LABEL + width + 6.0 y=y + 17.0 class="chart-value">{bar.value}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=title>
                {rows}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short_label("Thôn An Sơn"), "Thôn An Sơn");
        let cut = short_label("Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu");
        assert_eq!(cut.chars().count(), 26);
        assert!(cut.ends_with('…'));
    }
}
