namespace Simulator.Docs.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test assembly to the folder holding Simulator.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Simulator.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The folder of this test project's sources, where every snippet lives.</summary>
    public static string SnippetSources => Path("tests", "Simulator.Docs.Tests");

    /// <summary>The markdown files whose snippet blocks and links are checked, and whose C# must all be snippets: docs/*.md and the README.</summary>
    public static IReadOnlyList<string> MarkdownFiles =>
        [.. Directory.GetFiles(Path("docs"), "*.md").Order(StringComparer.Ordinal), Path("README.md")];

    /// <summary>Only the pages under docs/.</summary>
    public static IReadOnlyList<string> DocsPages => [.. Directory.GetFiles(Path("docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>A path relative to the root, with forward slashes, for messages.</summary>
    public static string Relative(string fullPath) => System.IO.Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Whether SIMULATOR_UPDATE_DOCS=1 asks the tests to rewrite markdown blocks instead of failing.</summary>
    public static bool UpdateDocs => Environment.GetEnvironmentVariable("SIMULATOR_UPDATE_DOCS") == "1";
}
