//! One table, three formats (hyperfine's `MarkupExporter` idea): a [`Grid`]
//! of header and rows is built once by a view's renderer, then written as a
//! terminal table, a Markdown table or CSV. Cells carry an optional colour
//! and alignment, used only where the format can show them.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color};

use crate::render::{csv_row, md_cell, new_table, pad_columns, write_table};

/// One cell: its text, and how a terminal shows it.
#[derive(Debug, Clone, Default)]
pub struct GridCell {
    pub text: String,
    pub color: Option<Color>,
    pub right: bool,
    /// Already Markdown (its user text escaped by the caller): written as is.
    pub markdown: bool,
}

impl From<String> for GridCell {
    fn from(text: String) -> GridCell {
        GridCell {
            text,
            ..GridCell::default()
        }
    }
}

impl From<&str> for GridCell {
    fn from(text: &str) -> GridCell {
        GridCell::from(text.to_string())
    }
}

impl GridCell {
    pub fn colored(mut self, color: Option<Color>) -> GridCell {
        self.color = color;
        self
    }

    pub fn right(mut self) -> GridCell {
        self.right = true;
        self
    }

    /// A cell whose text is already Markdown, e.g. `**id** title` with the
    /// user's text escaped by [`md_cell`]: the Markdown table writes it as is.
    pub fn markdown(text: String) -> GridCell {
        GridCell {
            text,
            markdown: true,
            ..GridCell::default()
        }
    }
}

/// A header and rows, written in any format.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<GridCell>>,
}

impl Grid {
    pub fn new<const N: usize>(header: [&str; N]) -> Grid {
        Grid {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<C: Into<GridCell>>(&mut self, cells: impl IntoIterator<Item = C>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The terminal table: the one style of every view, `width` columns.
    pub fn terminal(&self, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
        let mut table = new_table(color, width);
        table.set_header(self.header.clone());
        for row in &self.rows {
            table.add_row(row.iter().map(|c| {
                let mut cell = Cell::new(&c.text);
                if let Some(color) = c.color {
                    cell = cell.fg(color);
                }
                if c.right {
                    cell = cell.set_alignment(CellAlignment::Right);
                }
                cell
            }));
        }
        pad_columns(&mut table);
        write_table(&table, out)
    }

    /// A Markdown table: cells escaped, line breaks kept as `<br>`.
    pub fn markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        let header: Vec<String> = self.header.iter().map(|h| md_cell(h)).collect();
        writeln!(out, "{}", markdown_row(&header))?;
        // A column is right-aligned when any of its cells is.
        let rule: Vec<&str> = (0..self.header.len())
            .map(|i| {
                if self.rows.iter().any(|r| r.get(i).is_some_and(|c| c.right)) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        writeln!(out, "|{}|", rule.join("|"))?;
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.markdown {
                        c.text.clone()
                    } else {
                        md_cell(&c.text)
                    }
                })
                .collect();
            writeln!(out, "{}", markdown_row(&cells))?;
        }
        Ok(())
    }

    /// CSV (RFC 4180): a header record, then one record per row.
    pub fn csv(&self, out: &mut dyn Write) -> io::Result<()> {
        csv_row(out, &self.header)?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
            csv_row(out, &cells)?;
        }
        Ok(())
    }
}

/// `| a | b |`, and `| |` for an empty cell.
fn markdown_row(cells: &[String]) -> String {
    let mut line = String::from("|");
    for cell in cells {
        if cell.is_empty() {
            line.push_str(" |");
        } else {
            line.push(' ');
            line.push_str(cell);
            line.push_str(" |");
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut grid = Grid::new(["Owner", "Score"]);
        grid.row([GridCell::from("a|b"), GridCell::from("0.63").right()]);
        grid.row([GridCell::from("c, d"), GridCell::from("1.00").right()]);
        grid
    }

    #[test]
    fn one_grid_three_formats() {
        let mut md = Vec::new();
        grid().markdown(&mut md).unwrap();
        assert_eq!(
            String::from_utf8(md).unwrap(),
            "| Owner | Score |\n|---|---:|\n| a\\|b | 0.63 |\n| c, d | 1.00 |\n"
        );
        let mut csv = Vec::new();
        grid().csv(&mut csv).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "Owner,Score\na|b,0.63\n\"c, d\",1.00\n"
        );
        let mut term = Vec::new();
        grid().terminal(false, 80, &mut term).unwrap();
        let term = String::from_utf8(term).unwrap();
        assert!(term.starts_with("Owner   Score\n"), "{term}");
        assert!(term.contains("a|b      0.63"), "{term}");
    }
}
