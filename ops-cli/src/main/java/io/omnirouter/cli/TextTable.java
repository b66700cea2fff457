package io.omnirouter.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table: a header row, left-aligned columns two spaces apart, numbers right-aligned. */
final class TextTable {

    private final List<String> headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
        this.numeric = new boolean[headers.length];
    }

    /** Right-aligns these columns. */
    TextTable numeric(int... columns) {
        for (int c : columns) {
            numeric[c] = true;
        }
        return this;
    }

    TextTable row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + values.length);
        }
        rows.add(Arrays.stream(values).map(v -> v == null ? "-" : v.toString()).toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean last = c == cells.length - 1;
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            if (numeric[c]) {
                line.append(pad).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.append(pad);
                }
            }
            if (!last) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return null;
        }
        String oneLine = ErrorMessages.oneLine(text);
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
