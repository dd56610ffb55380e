namespace Conformance.Harness.Layout;

/// <summary>
/// Where things live in a checkout. Every path the harness reads is derived from here, so a run
/// started from any working directory finds the same fixtures.
/// </summary>
public sealed class RepositoryLayout
{
    public string Root { get; }

    private RepositoryLayout(string root) => Root = root;

    public string Fixtures => Path.Combine(Root, "fixtures");
    public string EndpointCatalogueFile => Path.Combine(Fixtures, "catalogue", "endpoints.json");
    public string CheckCatalogueFile => Path.Combine(Fixtures, "catalogue", "checks.yaml");
    public string VendoredSpec => Path.Combine(Fixtures, "spec", "v1.19");
    public string SweepFolder => Path.Combine(Fixtures, "sweep");
    public string ProfilesFolder => Path.Combine(Fixtures, "profiles");
    public string DefaultProfile => Path.Combine(ProfilesFolder, "reference.yaml");
    public string DefectCatalogueFile => Path.Combine(Fixtures, "reference-homeserver", "defects.yaml");
    public string ResultsSchemaFile => Path.Combine(Fixtures, "schemas", "results.schema.json");
    public string WebDefaultsFile => Path.Combine(Fixtures, "web", "defaults.yaml");
    public string ReportsFolder => Path.Combine(Root, "reports");
    public string ArtifactsBin => Path.Combine(Root, "artifacts", "bin");

    /// <summary>Finds the checkout that holds <c>Conformance.sln</c>, starting from the given folder
    /// (or the executable's folder, then the working directory) and walking up.</summary>
    public static RepositoryLayout Locate(string? start = null)
    {
        var env = Environment.GetEnvironmentVariable("CONFORMANCE_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "Conformance.sln")))
            return new RepositoryLayout(Path.GetFullPath(env));

        foreach (var candidate in new[] { start, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            if (candidate is null) continue;
            for (var dir = new DirectoryInfo(candidate); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
                    return new RepositoryLayout(dir.FullName);
        }
        throw new DirectoryNotFoundException(
            "Cannot find the checkout (no Conformance.sln above the executable or the working directory). Set CONFORMANCE_ROOT.");
    }
}
