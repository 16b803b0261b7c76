using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Simulator.Packaging.Tests.Support;

namespace Simulator.Packaging.Tests.PackInstall;

/// <summary>
/// The packages under test, in a local folder, and a scratch folder outside the repository whose nuget.config adds that folder
/// as a package source (the user's normal sources stay, for the dependencies). Shared by the pack-install tests.
/// </summary>
/// <remarks>
/// <para>When the environment variable <c>SIMULATOR_PACKAGES</c> names a folder (CI packs into artifacts/packages first), the
/// packages there are used. Otherwise the packable projects are packed here with a unique prerelease version, so a package of the
/// same version left in the global NuGet cache by an earlier run can never stand in for the fresh one.</para>
/// <para>The global cache's copies of the packages at the version under test are removed before (a stale copy of a fixed
/// version such as CI's 0.1.0 would otherwise be used) and after the tests.</para>
/// </remarks>
public sealed class PackedPackages : IDisposable
{
    public const string PackagesVariable = "SIMULATOR_PACKAGES";

    /// <summary>A limit for one dotnet command; generous, because the machine is shared.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PackedPackages()
    {
        Packable = Repository.PackableProjects();
        WorkDirectory = Path.Combine(Path.GetTempPath(), "simulator-pack-install-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(WorkDirectory);

        var given = Environment.GetEnvironmentVariable(PackagesVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            PackageDirectory = Path.GetFullPath(given);
            Source = $"{PackagesVariable}={PackageDirectory}";
            Version = VersionIn(PackageDirectory, Packable[0].PackageId);
        }
        else
        {
            PackageDirectory = Path.Combine(WorkDirectory, "packages");
            Version = "0.1.0-packtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." +
                      Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            Source = "packed by the test";
            try
            {
                Pack();
            }
            catch
            {
                // xunit does not dispose a fixture whose constructor threw.
                Directory.Delete(WorkDirectory, recursive: true);
                throw;
            }
        }

        RemoveFromGlobalCache();

        // A user's project sees none of this repository's build settings: stop MSBuild's search for Directory.* files here, in
        // case the temp folder lies inside some other tree.
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="simulator-under-test" value="{PackageDirectory}" />
              </packageSources>
            </configuration>
            """);
        PackDuration = _clock.Elapsed;
    }

    /// <summary>Every csproj under src/ with its package id.</summary>
    public IReadOnlyList<(string Project, string PackageId, bool IsTool)> Packable { get; }

    /// <summary>Where the .nupkg and .snupkg files are.</summary>
    public string PackageDirectory { get; }

    /// <summary>The version of every package under test.</summary>
    public string Version { get; }

    /// <summary>Where the packages came from, for messages.</summary>
    public string Source { get; }

    /// <summary>A folder under the system's temp folder (outside the repository), holding the nuget.config.</summary>
    public string WorkDirectory { get; }

    public TimeSpan PackDuration { get; }

    /// <summary>A new empty folder under <see cref="WorkDirectory"/>.</summary>
    public string NewDirectory(string name)
    {
        var path = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public string NupkgPath(string packageId) => Path.Combine(PackageDirectory, $"{packageId}.{Version}.nupkg");

    public string SnupkgPath(string packageId) => Path.Combine(PackageDirectory, $"{packageId}.{Version}.snupkg");

    public void Dispose()
    {
        RemoveFromGlobalCache();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file: the temp folder is cleaned by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Pack()
    {
        // The same Release build CI makes; only the package version is unique. The version is given to pack alone (no restore
        // with it), so the projects' restore output is left exactly as every other build of the repository leaves it.
        ProcessRunner.DotnetOk(Repository.Root, CommandTimeout, "restore", "Simulator.sln");
        ProcessRunner.DotnetOk(Repository.Root, CommandTimeout,
            "pack", "Simulator.sln", "-c", "Release", "--no-restore", "-o", PackageDirectory, $"-p:PackageVersion={Version}");
    }

    private static string VersionIn(string directory, string packageId)
    {
        var prefix = packageId + ".";
        var versions = Directory.GetFiles(directory, prefix + "*.nupkg")
            .Select(Path.GetFileName)
            .Select(name => name![prefix.Length..^".nupkg".Length])
            .Where(v => v.Length > 0 && char.IsAsciiDigit(v[0]))
            .ToList();
        return versions.Count == 1
            ? versions[0]
            : throw new InvalidOperationException($"{PackagesVariable}={directory}: expected one {packageId} package, found {versions.Count}");
    }

    private void RemoveFromGlobalCache()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        foreach (var (_, id, _) in Packable)
        {
            var folder = Path.Combine(cache, id.ToLowerInvariant(), Version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The .nuspec of a package, as XML without namespaces.</summary>
    public static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var root = XDocument.Load(stream).Root!;
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Name = element.Name.LocalName;
        }

        return root;
    }
}

[CollectionDefinition(Name)]
public sealed class PackInstallCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "pack-install";
}
