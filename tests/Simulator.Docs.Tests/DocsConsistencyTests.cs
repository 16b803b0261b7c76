using System.Text;
using System.Text.RegularExpressions;
using Simulator.Docs.Tests.Support;

namespace Simulator.Docs.Tests;

/// <summary>
/// The docs show only code that compiles and runs: every <c>csharp</c> block in docs/ is a snippet region of this project's tests,
/// every kubesim transcript is what kubesim prints, and every relative link resolves. With SIMULATOR_UPDATE_DOCS=1 the blocks are
/// rewritten from their sources instead of failing.
/// </summary>
public partial class DocsConsistencyTests
{
    [GeneratedRegex(@"(?<!\!)\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)|!\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex SlugDrop();

    [Fact]
    public void SnippetBlocks_MatchTheirSourceRegions()
    {
        var sources = SourceSnippets.All();
        var report = new StringBuilder();
        foreach (var path in Repo.MarkdownFiles)
        {
            var file = MarkdownFile.Read(path);
            var replacements = new Dictionary<FencedBlock, string>();
            foreach (var block in file.Blocks.Where(b => b.Marker == "snippet"))
            {
                if (!sources.TryGetValue(block.Name!, out var source) || block.Text == source.Text)
                {
                    continue; // unknown names are SnippetNames_AreDefinedAndUsed's to report
                }

                replacements[block] = source.Text;
                report.Append(CultureInfo.InvariantCulture, $"""
                    {block.Where}: snippet '{block.Name}' differs from {Repo.Relative(source.File)}:{source.Line}
                    --- markdown ---
                    {block.Text}
                    --- source ---
                    {source.Text}
                    ---------------

                    """);
            }

            if (replacements.Count > 0 && Repo.UpdateDocs)
            {
                File.WriteAllText(path, file.WithReplacedBlocks(replacements));
            }
        }

        if (!Repo.UpdateDocs)
        {
            report.ToString().ShouldBeEmpty("run the tests with SIMULATOR_UPDATE_DOCS=1 to rewrite the markdown from the sources");
        }
    }

    [Fact]
    public void SnippetNames_AreDefinedAndEveryRegionIsUsed()
    {
        var sources = SourceSnippets.All();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in Repo.MarkdownFiles)
        {
            foreach (var block in MarkdownFile.Read(path).Blocks.Where(b => b.Marker == "snippet"))
            {
                used.Add(block.Name!);
                if (!sources.ContainsKey(block.Name!))
                {
                    problems.Add($"{block.Where}: no source region '// begin-snippet: {block.Name}' in tests/Simulator.Docs.Tests");
                }

                if (block.Language != "csharp")
                {
                    problems.Add($"{block.Where}: snippet '{block.Name}' must be a ```csharp block, not ```{block.Language}");
                }
            }
        }

        problems.AddRange(sources.Values.Where(s => !used.Contains(s.Name)).Select(s => $"{Repo.Relative(s.File)}:{s.Line}: snippet '{s.Name}' is used by no markdown file"));
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void CsharpBlocksInDocs_AllComeFromSnippets()
    {
        var problems = new List<string>();
        foreach (var path in Repo.MarkdownFiles)
        {
            var file = MarkdownFile.Read(path);
            problems.AddRange(file.Problems);
            problems.AddRange(file.Blocks
                .Where(b => b.Language is "csharp" or "cs" or "c#" && b.Marker != "snippet")
                .Select(b => $"{b.Where}: a C# block without a <!-- snippet: NAME --> marker is never compiled"));
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void RelativeLinks_ResolveToFilesAndHeadings()
    {
        var problems = new List<string>();
        foreach (var path in Repo.MarkdownFiles)
        {
            var file = MarkdownFile.Read(path);
            var inBlock = new HashSet<int>(file.Blocks.SelectMany(b => Enumerable.Range(b.OpenLine, b.CloseLine - b.OpenLine + 1)));
            for (var i = 0; i < file.Lines.Count; i++)
            {
                if (inBlock.Contains(i))
                {
                    continue;
                }

                var line = Regex.Replace(file.Lines[i], "`[^`]*`", ""); // links are not written inside code spans
                foreach (Match m in Link().Matches(line))
                {
                    var target = m.Groups["target"].Value;
                    if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var where = $"{Repo.Relative(path)}:{i + 1}: link '{target}'";
                    var hash = target.IndexOf('#', StringComparison.Ordinal);
                    var relative = hash < 0 ? target : target[..hash];
                    var anchor = hash < 0 ? null : target[(hash + 1)..];
                    var resolved = relative.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative));
                    if (!resolved.StartsWith(Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != Repo.Root)
                    {
                        problems.Add($"{where} leaves the repository");
                    }
                    else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    {
                        problems.Add($"{where} names no file or folder");
                    }
                    else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Headings(resolved).Contains(anchor))
                    {
                        problems.Add($"{where} names no heading of {Repo.Relative(resolved)}");
                    }
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void KubesimTranscripts_AreWhatKubesimPrints()
    {
        var report = new StringBuilder();
        var count = 0;
        foreach (var path in Repo.DocsPages)
        {
            var file = MarkdownFile.Read(path);
            var replacements = new Dictionary<FencedBlock, string>();
            foreach (var block in file.Blocks.Where(b => b.Marker == "kubesim"))
            {
                count++;
                KubesimTranscript.Script(block.Text).ShouldNotBeEmpty($"{block.Where}: a kubesim transcript needs '$ ' script lines");
                var (exit, output) = KubesimTranscript.Run(block.Text);
                if (exit != 0)
                {
                    report.Append(CultureInfo.InvariantCulture, $"{block.Where}: kubesim exited {exit}:\n{output}\n\n");
                }
                else if (output != block.Text)
                {
                    replacements[block] = output;
                    report.Append(CultureInfo.InvariantCulture, $"{block.Where}: kubesim prints something else\n--- markdown ---\n{block.Text}\n--- kubesim ---\n{output}\n---------------\n\n");
                }
            }

            if (replacements.Count > 0 && Repo.UpdateDocs)
            {
                File.WriteAllText(path, file.WithReplacedBlocks(replacements));
            }
        }

        count.ShouldBeGreaterThan(0, "the docs show at least one kubesim transcript");
        if (!Repo.UpdateDocs || report.ToString().Contains("kubesim exited", StringComparison.Ordinal))
        {
            report.ToString().ShouldBeEmpty();
        }
    }

    /// <summary>GitHub's anchors of a markdown file's headings.</summary>
    private static HashSet<string> Headings(string path)
    {
        var file = MarkdownFile.Read(path);
        var inBlock = new HashSet<int>(file.Blocks.SelectMany(b => Enumerable.Range(b.OpenLine, b.CloseLine - b.OpenLine + 1)));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            if (inBlock.Contains(i) || !line.StartsWith('#'))
            {
                continue;
            }

            var slug = SlugDrop().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        return anchors;
    }
}
