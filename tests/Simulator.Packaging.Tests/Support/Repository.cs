using System.Xml.Linq;

namespace Simulator.Packaging.Tests.Support;

/// <summary>Where the repository is, read from the test's own location, and what it pins.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Simulator.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path inside the repository, from '/'-separated parts.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The central package versions (Directory.Packages.props), by package id.</summary>
    public static IReadOnlyDictionary<string, string> CentralPackageVersions()
    {
        var document = XDocument.Load(PathOf("Directory.Packages.props"));
        return document.Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every packable project: each csproj under src/ with its PackageId (the project name unless it says otherwise).</summary>
    public static IReadOnlyList<(string Project, string PackageId, bool IsTool)> PackableProjects() =>
        Directory.GetDirectories(PathOf("src"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(csproj =>
            {
                var properties = XDocument.Load(csproj).Descendants().Where(e => e.Parent?.Name == "PropertyGroup").ToList();
                string? Property(string name) => properties.FirstOrDefault(p => p.Name == name)?.Value.Trim();
                var id = Property("PackageId") ?? Path.GetFileNameWithoutExtension(csproj);
                return (csproj, id, string.Equals(Property("PackAsTool"), "true", StringComparison.OrdinalIgnoreCase));
            })
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Simulator.sln not found above {AppContext.BaseDirectory}");
    }
}
