using Conformance.Harness.Targets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The library every target uses carries neither the oracle nor a web server: the reference
/// target and the Docker layer live in Conformance.Targets, which only the runner, suites and tests use.</summary>
public sealed class HarnessDependenciesTests
{
    [Fact]
    public void Conformance_Harness_references_neither_the_reference_server_nor_AspNetCore()
    {
        var project = File.ReadAllText(Repo.File("harness/Conformance.Harness/Conformance.Harness.csproj"));
        Assert.DoesNotContain("reference-homeserver", project);
        Assert.DoesNotContain("Microsoft.AspNetCore", project);

        var references = typeof(ITarget).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("ReferenceHomeserver", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
