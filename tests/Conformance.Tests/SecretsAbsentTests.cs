using Conformance.Tests.Support;
using ReferenceHomeserver;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// No secret the run used reaches any file it wrote. The reference server remembers every token it issued
/// and every password, MAC and code it was sent; the test greps the whole output folder for each: the
/// results, logs, Allure results, JUnit, summary, badge, and the HTML report with its base64-embedded data
/// decoded.
/// </summary>
public sealed class SecretsAbsentTests
{
    [Fact]
    public async Task No_secret_appears_in_any_file_the_run_wrote()
    {
        const string secret = "secrets-test-shared-secret";
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { SharedSecret = secret, AppserviceToken = "reference-appservice-token" }, TestContext.Current.CancellationToken);
        var run = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-by-url.yaml"), "--target-url", server.BaseUrl, "--shared-secret", secret);
        Assert.True(run.ExitCode == 0, run.ToString());

        var secrets = server.State.SecretsSeen.Distinct().ToList();
        Assert.True(secrets.Count > 20, $"only {secrets.Count} secrets were recorded; the test would prove little");
        var files = Directory.GetFiles(run.OutDir, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var leaks = (from file in files
                     let text = ReportText.Read(file)
                     from s in secrets
                     where text.Contains(s, StringComparison.Ordinal)
                     select $"{Path.GetRelativePath(run.OutDir, file)} contains a secret of {s.Length} characters").Distinct().ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.DoesNotContain(secret, run.Output + run.Error);
        Assert.Contains("[redacted]", File.ReadAllText(run.ResultsFile));
        Assert.Contains("[redacted]", ReportText.Read(Path.Combine(run.OutDir, "report", "index.html")));
    }
}
