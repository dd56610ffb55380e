using Conformance.Harness.Layout;

namespace Conformance.Tests.Support;

public static class Repo
{
    public static RepositoryLayout Layout { get; } = RepositoryLayout.Locate();

    /// <summary>An absolute path for a path relative to the checkout.</summary>
    public static string File(string relative) => Path.Combine(Layout.Root, relative);

    /// <summary>The runner's own executable, for tests that need it as a separate process.</summary>
    public static string RunnerDll => Path.Combine(Layout.ArtifactsBin, "Conformance.Runner", Conformance.Runner.SuiteProcess.Configuration, "conformance.dll");
}
