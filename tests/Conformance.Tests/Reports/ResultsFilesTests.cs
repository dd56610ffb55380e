using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Xunit;
using static Conformance.Tests.Support.SampleRuns;

namespace Conformance.Tests.Reports;

public sealed class ResultsFilesTests
{
    private static string NewFolder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10])).FullName;

    private static LoadedRun Sample(string name) => Run(name, [Result("LK-001", "x", Verdict.Pass)]);

    [Fact]
    public void A_run_folder_is_its_results_file_and_a_folder_of_runs_is_every_results_file_below_it_in_path_order()
    {
        var root = NewFolder();
        var b = Write(Sample("b"), Path.Combine(root, "conformance-b"));
        var a = Write(Sample("a"), Path.Combine(root, "conformance-a", "nested"));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        Assert.Equal([a, b], ResultsFiles.Find([root]));
        Assert.Equal([b], ResultsFiles.Find([Path.Combine(root, "conformance-b")]));
        Assert.Equal([b, a], ResultsFiles.Find([b, Path.Combine(root, "conformance-a"), b]));
        Assert.Equal(["a", "b"], ResultsFiles.Load([root]).Select(r => r.Results.Target.Name));
    }

    [Fact]
    public void A_link_to_a_run_folder_is_not_followed_so_no_run_is_read_twice()
    {
        var root = NewFolder();
        var run = Write(Sample("a"), Path.Combine(root, "20261201-120000-a"));
        Directory.CreateSymbolicLink(Path.Combine(root, "latest"), "20261201-120000-a");
        Assert.Equal([run], ResultsFiles.Find([root]));
    }

    [Fact]
    public void A_missing_path_or_a_folder_without_results_names_the_path()
    {
        var root = NewFolder();
        var e = Assert.Throws<ResultsFileException>(() => ResultsFiles.Find([Path.Combine(root, "nope")]));
        Assert.Equal($"{Path.Combine(root, "nope")}: no such file or folder.", e.Message);
        e = Assert.Throws<ResultsFileException>(() => ResultsFiles.Find([root]));
        Assert.Equal($"{root}: no results.json in this folder or below it.", e.Message);
    }

    [Theory]
    [InlineData("{ not json", "is not a results.json this suite can read")]
    [InlineData("{\"schemaVersion\": 1}", "is not a results.json this suite can read")]
    [InlineData("null", "is empty")]
    public void A_file_that_is_not_a_results_file_names_the_file(string content, string expected)
    {
        var file = Path.Combine(NewFolder(), "results.json");
        File.WriteAllText(file, content);
        var e = Assert.Throws<ResultsFileException>(() => ResultsFiles.Load(file));
        Assert.Contains(file, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_newer_schema_version_is_refused_and_unknown_fields_are_not()
    {
        var file = Write(Sample("a"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        json["somethingNew"] = "from a newer suite";
        json["results"]![0]!["alsoNew"] = 1;
        File.WriteAllText(file, json.ToJsonString());
        Assert.Equal("a", ResultsFiles.Load(file).Results.Target.Name);
        json["schemaVersion"] = 2;
        File.WriteAllText(file, json.ToJsonString());
        Assert.Contains("has schemaVersion 2; this suite reads schemaVersion 1", Assert.Throws<ResultsFileException>(() => ResultsFiles.Load(file)).Message);
    }
}
