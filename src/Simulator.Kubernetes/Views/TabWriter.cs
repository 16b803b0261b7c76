using System.Text;

namespace Simulator.Kubernetes.Views;

/// <summary>
/// Go's <c>text/tabwriter</c> as kubectl configures it, so tables and describe output align exactly as kubectl's do.
/// </summary>
/// <remarks>
/// Text is split into lines and each line into tab-terminated cells; the text after a line's last tab is not part of any
/// column. A column block is a run of consecutive lines that all have a cell in that column; its width is the widest cell
/// plus the padding (at least the minimum width). A line with fewer cells ends the blocks it lacks, which is why
/// a describe line without a tab restarts the alignment of the lines after it. Only spaces are used for padding.
/// Widths count characters, which equals Go's rune count for the text the views print.
/// </remarks>
internal sealed class TabWriter
{
    private readonly int _minWidth;
    private readonly int _padding;
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _output = new();

    /// <summary>Creates a writer.</summary>
    /// <param name="minWidth">The minimal width of a column, padding included.</param>
    /// <param name="padding">Spaces added to the widest cell of a column.</param>
    public TabWriter(int minWidth, int padding)
    {
        _minWidth = minWidth;
        _padding = padding;
    }

    /// <summary>kubectl get's table writer (cli-runtime printers: minwidth 6, padding 3).</summary>
    public static TabWriter ForTables() => new(6, 3);

    /// <summary>kubectl describe's writer (describe.go tabbedString: minwidth 0, padding 2).</summary>
    public static TabWriter ForDescribe() => new(0, 2);

    /// <summary>Buffers text; it is aligned on <see cref="Flush"/>.</summary>
    /// <param name="text">Text with tabs and newlines.</param>
    public void Write(string text) => _pending.Append(text);

    /// <summary>Aligns the buffered text and starts a fresh alignment for what follows (Go's <c>Flush</c>).</summary>
    public void Flush()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var lines = Split(_pending.ToString(), out var endsWithNewline);
        _pending.Clear();
        var widths = new List<int>();
        Format(lines, 0, lines.Count, widths);
        if (!endsWithNewline && _output.Length > 0 && _output[^1] == '\n')
        {
            _output.Length--;
        }
    }

    /// <summary>Flushes and returns everything written.</summary>
    /// <returns>The aligned text.</returns>
    public override string ToString()
    {
        Flush();
        return _output.ToString();
    }

    private static List<List<string>> Split(string text, out bool endsWithNewline)
    {
        endsWithNewline = text.EndsWith('\n');
        var body = endsWithNewline ? text[..^1] : text;
        var lines = new List<List<string>>();
        foreach (var line in body.Split('\n'))
        {
            lines.Add([.. line.Split('\t')]);
        }

        return lines;
    }

    // Go's tabwriter.format: find each column block recursively, left to right.
    private void Format(List<List<string>> lines, int line0, int line1, List<int> widths)
    {
        var column = widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= lines[current].Count - 1)
            {
                continue;
            }

            WriteLines(lines, line0, current, widths);
            line0 = current;

            var width = _minWidth;
            for (; current < line1; current++)
            {
                var cells = lines[current];
                if (column >= cells.Count - 1)
                {
                    break;
                }

                width = Math.Max(width, cells[column].Length + _padding);
            }

            widths.Add(width);
            Format(lines, line0, current, widths);
            widths.RemoveAt(widths.Count - 1);
            line0 = current;
        }

        WriteLines(lines, line0, line1, widths);
    }

    private void WriteLines(List<List<string>> lines, int line0, int line1, List<int> widths)
    {
        for (var i = line0; i < line1; i++)
        {
            var cells = lines[i];
            for (var j = 0; j < cells.Count; j++)
            {
                _output.Append(cells[j]);
                if (j < widths.Count && j < cells.Count - 1)
                {
                    _output.Append(' ', Math.Max(0, widths[j] - cells[j].Length));
                }
            }

            _output.Append('\n');
        }
    }
}
