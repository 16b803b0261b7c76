using System.Text.RegularExpressions;

namespace Simulator.Docs.Tests.Support;

/// <summary>A snippet region in a C# source file: the lines between <c>// begin-snippet: NAME</c> and <c>// end-snippet</c>, dedented.</summary>
internal sealed record SourceSnippet(string Name, string File, int Line, string Text);

/// <summary>Reads the snippet regions of this project's sources.</summary>
internal static partial class SourceSnippets
{
    [GeneratedRegex(@"^\s*// begin-snippet: (?<name>[A-Za-z0-9_.-]+)\s*$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*// end-snippet\s*$")]
    private static partial Regex End();

    /// <summary>Every region, by name; duplicate names and unclosed regions throw.</summary>
    public static IReadOnlyDictionary<string, SourceSnippet> All()
    {
        var result = new SortedDictionary<string, SourceSnippet>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(Repo.SnippetSources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var snippet in Parse(file, File.ReadAllText(file)))
            {
                if (result.TryGetValue(snippet.Name, out var other))
                {
                    throw new InvalidOperationException($"Snippet '{snippet.Name}' is defined twice: {Repo.Relative(other.File)}:{other.Line} and {Repo.Relative(file)}:{snippet.Line}.");
                }

                result.Add(snippet.Name, snippet);
            }
        }

        return result;
    }

    /// <summary>The regions of one file.</summary>
    public static IEnumerable<SourceSnippet> Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var begin = Begin().Match(lines[i]);
            if (!begin.Success)
            {
                continue;
            }

            var name = begin.Groups["name"].Value;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !End().IsMatch(lines[j]); j++)
            {
                if (Begin().IsMatch(lines[j]))
                {
                    throw new InvalidOperationException($"Snippet '{name}' in {Repo.Relative(file)}:{i + 1} contains another begin-snippet at line {j + 1}.");
                }

                body.Add(lines[j]);
            }

            if (j == lines.Length)
            {
                throw new InvalidOperationException($"Snippet '{name}' in {Repo.Relative(file)}:{i + 1} has no // end-snippet.");
            }

            yield return new SourceSnippet(name, file, i + 1, Dedent(body));
            i = j;
        }
    }

    /// <summary>Removes the indentation common to the non-blank lines, trailing spaces, and blank lines at both ends.</summary>
    public static string Dedent(IReadOnlyList<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).ToList();
        while (trimmed.Count > 0 && trimmed[0].Length == 0)
        {
            trimmed.RemoveAt(0);
        }

        while (trimmed.Count > 0 && trimmed[^1].Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        var indent = trimmed.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", trimmed.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    private static bool IsBuildOutput(string file)
    {
        var relative = Path.GetRelativePath(Repo.SnippetSources, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }
}
