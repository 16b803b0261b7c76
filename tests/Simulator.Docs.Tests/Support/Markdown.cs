using System.Text.RegularExpressions;

namespace Simulator.Docs.Tests.Support;

/// <summary>A fenced code block of a markdown file, with the marker comment on the line before it, if any.</summary>
/// <param name="File">The markdown file.</param>
/// <param name="Language">The fence's info string (<c>csharp</c>, <c>text</c>, ...).</param>
/// <param name="Marker">"snippet", "kubesim" or null.</param>
/// <param name="Name">The snippet name (for "snippet" markers).</param>
/// <param name="OpenLine">The 0-based index of the opening fence.</param>
/// <param name="CloseLine">The 0-based index of the closing fence.</param>
/// <param name="Text">The lines between the fences, joined with \n.</param>
internal sealed record FencedBlock(string File, string Language, string? Marker, string? Name, int OpenLine, int CloseLine, string Text)
{
    public string Where => $"{Repo.Relative(File)}:{OpenLine + 1}";
}

/// <summary>A markdown file split into lines, its fenced blocks, and the markers that point at no block.</summary>
internal sealed partial class MarkdownFile
{
    [GeneratedRegex(@"^<!--\s*snippet:\s*(?<name>[A-Za-z0-9_.-]+)\s*-->$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^<!--\s*kubesim\s*-->$")]
    private static partial Regex KubesimMarker();

    private MarkdownFile(string path, List<string> lines, List<FencedBlock> blocks, List<string> problems)
    {
        Path = path;
        Lines = lines;
        Blocks = blocks;
        Problems = problems;
    }

    public string Path { get; }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<FencedBlock> Blocks { get; }

    /// <summary>Markers not followed at once by a fenced block, and unclosed fences.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static MarkdownFile Read(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var blocks = new List<FencedBlock>();
        var problems = new List<string>();
        string? pendingMarker = null;
        string? pendingName = null;
        var pendingLine = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                var language = trimmed[3..].Trim();
                var close = i + 1;
                while (close < lines.Count && lines[close].Trim() != "```")
                {
                    close++;
                }

                if (close == lines.Count)
                {
                    problems.Add($"{Repo.Relative(path)}:{i + 1}: the fence is never closed");
                    break;
                }

                var marked = pendingLine == i - 1;
                blocks.Add(new FencedBlock(path, language, marked ? pendingMarker : null, marked ? pendingName : null, i, close, string.Join("\n", lines.Skip(i + 1).Take(close - i - 1))));
                pendingMarker = null;
                pendingLine = -1;
                i = close;
                continue;
            }

            if (pendingLine >= 0)
            {
                problems.Add($"{Repo.Relative(path)}:{pendingLine + 1}: the {pendingMarker} marker is not followed at once by a fenced block");
                pendingLine = -1;
            }

            var snippet = SnippetMarker().Match(trimmed);
            if (snippet.Success)
            {
                (pendingMarker, pendingName, pendingLine) = ("snippet", snippet.Groups["name"].Value, i);
            }
            else if (KubesimMarker().IsMatch(trimmed))
            {
                (pendingMarker, pendingName, pendingLine) = ("kubesim", null, i);
            }
        }

        if (pendingLine >= 0)
        {
            problems.Add($"{Repo.Relative(path)}:{pendingLine + 1}: the {pendingMarker} marker is not followed at once by a fenced block");
        }

        return new MarkdownFile(path, lines, blocks, problems);
    }

    /// <summary>The file's text with some blocks' contents replaced.</summary>
    public string WithReplacedBlocks(IReadOnlyDictionary<FencedBlock, string> replacements)
    {
        var output = new List<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var block = Blocks.FirstOrDefault(b => b.OpenLine == i);
            if (block is not null && replacements.TryGetValue(block, out var text))
            {
                output.Add(Lines[i]);
                output.AddRange(text.Split('\n'));
                output.Add(Lines[block.CloseLine]);
                i = block.CloseLine;
                continue;
            }

            output.Add(Lines[i]);
        }

        return string.Join("\n", output);
    }
}
