using System.Text.Json.Nodes;
using Conformance.Harness.Browser;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Suites.Locking.Sweep;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>Every data file goes through one strict binder: a misspelt key is an error that names the
/// file, the line and the key, and every committed data file loads.</summary>
public sealed class StrictYamlTests
{
    /// <summary>Each kind of data file, read the way the suite reads it.</summary>
    private static readonly Dictionary<string, Action<string>> Loaders = new()
    {
        ["profile"] = file => ProfileLoader.Load(file, new ProfileOverrides { SharedSecret = "s" }, name => Environment.GetEnvironmentVariable(name) ?? "set-by-the-run"),
        ["checks"] = file => CheckCatalogue.Load(file),
        ["baseline"] = file => Baseline.Load(file),
        ["sweep-requests"] = file => SweepPlan.Load(file),
        ["side-effects"] = file => SideEffectProbes.Load(file),
        ["suspension-sweep"] = file => SuspensionPlan.Load(file),
        ["web-defaults"] = file => WebDefaults.Load(file, new WebSection()),
        ["defects"] = file => DefectCatalogue.Load(file),
        ["rendering"] = file => EndpointCatalogueGenerator.LoadRendering(Path.GetDirectoryName(file)!),
    };

    /// <summary>The kind of each committed YAML file under fixtures/; null for YAML that is not the
    /// suite's data (the vendored spec, a target server's own configuration).</summary>
    private static string? KindOf(string relative) => relative switch
    {
        _ when relative.StartsWith("fixtures/profiles/") => "profile",
        _ when relative.StartsWith("fixtures/baselines/") => "baseline",
        "fixtures/catalogue/checks.yaml" => "checks",
        "fixtures/sweep/requests.yaml" => "sweep-requests",
        "fixtures/sweep/side-effects.yaml" => "side-effects",
        "fixtures/sweep/suspension.yaml" => "suspension-sweep",
        "fixtures/web/defaults.yaml" => "web-defaults",
        "fixtures/reference-homeserver/defects.yaml" => "defects",
        "fixtures/spec/v1.19/rendering.yaml" => "rendering",
        _ when relative.StartsWith("fixtures/spec/") || relative.StartsWith("fixtures/targets/") => null,
        _ => throw new InvalidOperationException($"{relative}: a YAML file this test does not know; add it to {nameof(KindOf)} with its loader."),
    };

    public static TheoryData<string> CommittedDataFiles() => new(
        Directory.EnumerateFiles(Repo.File("fixtures"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml"))
            .Select(f => Path.GetRelativePath(Repo.Layout.Root, f).Replace('\\', '/'))
            .Where(f => KindOf(f) is not null)
            .Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(CommittedDataFiles))]
    public void Every_committed_data_file_loads(string relative) => Loaders[KindOf(relative)!](Repo.File(relative));

    [Fact]
    public void Every_kind_of_data_file_is_committed_at_least_once() =>
        Assert.Equal(Loaders.Keys.Order(), CommittedDataFiles().Select(row => KindOf(row.Data)!).Distinct().Order());

    /// <summary>A small valid file of each kind with one key misspelt, its line, and a known key the
    /// message must list.</summary>
    public static TheoryData<string, string, int, string, string> MisspeltKeys() => new()
    {
        { "profile", "name: x\ntarget:\n  kind: embedded\nlock:\n  adaptor: auto\n", 5, "adaptor", "adapter" },
        { "checks", "areas:\n  a: { title: A, suite: S }\nchecks:\n  - id: X-001\n    area: a\n    levle: MUST\n", 6, "levle", "level" },
        { "baseline", "target: t\nentries:\n  - { check: LK-001, case: \"*\", verdict: fail, reason: r }\n  - { check: LK-002, case: \"*\", verdit: fail, reason: r }\n", 4, "verdit", "verdict" },
        { "sweep-requests", "path_values:\n  roomId: \"{room}\"\nquery_value:\n  dir: b\n", 3, "query_value", "query_values" },
        { "side-effects", "probes:\n  - id: p\n    request: GET /x\n    selects: [a]\n", 4, "selects", "select" },
        { "suspension-sweep", "last: [a]\nprobes:\n  - id: p\n    request: GET /x\n    select: [a]\nlasts: [b]\n", 6, "lasts", "last" },
        { "web-defaults", "action_words:\n  x: [y]\nconfirmation_word: [ok]\n", 3, "confirmation_word", "confirmation_words" },
        { "defects", "defects:\n  - name: d\n    breaks: b\n    trips:\n      - { check: LK-001, verdict: fail, cse: x }\n", 5, "cse", "case" },
        { "rendering", "spec_version: v1\nanchor_base:\n  a.yaml: a\n", 2, "anchor_base", "anchor_bases" },
    };

    [Theory, MemberData(nameof(MisspeltKeys))]
    public void A_misspelt_key_names_the_file_the_line_and_the_key(string kind, string yaml, int line, string key, string known)
    {
        var file = Write(kind == "rendering" ? "rendering.yaml" : $"{kind}.yaml", yaml);
        var e = Assert.ThrowsAny<Exception>(() => Loaders[kind](file));
        Assert.True(e is DataFileException or ProfileException, e.ToString());
        Assert.Contains(file, e.Message);
        Assert.Contains(kind == "profile" ? $"(line {line}," : $":{line}:", e.Message);
        Assert.Contains($"unknown key '{key}'", e.Message);
        Assert.Contains($"known: ", e.Message);
        Assert.Contains($"did you mean '{known}'?", e.Message);
    }

    [Fact]
    public void The_message_says_where_the_key_is_and_which_keys_are_allowed()
    {
        var e = Assert.Throws<DataFileException>(() => Baseline.Load(Write("b.yaml",
            "target: t\nentries:\n  - { check: LK-001, verdict: fail, reason: r }\n  - check: LK-002\n    verdit: fail\n")));
        Assert.Equal((5, 5), (e.Line, e.Column));
        Assert.Equal("unknown key 'verdit' under entries[1] (known: check, case, verdict, reason); did you mean 'verdict'?", e.Problem);
        Assert.StartsWith(e.File + ":5: unknown key", e.Message);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_one_lists_them_without_a_guess()
    {
        var e = Assert.Throws<DataFileException>(() => YamlJson.Bind<Sample>(Write("s.yaml", "name: n\ncolour: red\n")));
        Assert.Equal("unknown key 'colour' at the top level (known: name, count, ratio, enabled, kind, tags, words, body, nested).", e.Problem);
    }

    [Fact]
    public void Scalars_bind_by_the_propertys_type()
    {
        var s = YamlJson.Bind<Sample>(Write("s.yaml",
            "name: 12345678\ncount: 3\nratio: 0.5\nenabled: false\nkind: shared-secret\ntags: [1.10, true, x]\nwords: { a: 8008 }\nbody: { n: 1, s: \"1\", b: true }\n"));
        Assert.Equal("12345678", s.Name);
        Assert.Equal(3, s.Count);
        Assert.Equal(0.5, s.Ratio);
        Assert.False(s.Enabled);
        Assert.Equal(SampleKind.SharedSecret, s.Kind);
        Assert.Equal(["1.10", "true", "x"], s.Tags);
        Assert.Equal("8008", s.Words["a"]);
        Assert.Equal("""{"n":1,"s":"1","b":true}""", s.Body!.ToJsonString());
    }

    [Theory]
    [InlineData("count: many\n", 1, "count is 'many'; expected a whole number.")]
    [InlineData("enabled: yes\n", 1, "enabled is 'yes'; expected true or false.")]
    [InlineData("kind: cloud\n", 1, "kind is 'cloud'; expected one of: shared-secret, given.")]
    [InlineData("tags: x\n", 1, "tags is 'x'; expected a list.")]
    [InlineData("name: [a]\n", 1, "name is a list; expected text.")]
    [InlineData("nested:\n  - a\n", 2, "nested is a list; expected a mapping (key: value).")]
    [InlineData("tags: [a, null]\n", 1, "tags[1] has no value; expected text.")]
    [InlineData("words:\n  a:\n", 2, "words.a has no value; expected text.")]
    [InlineData("nested:\n  inner: { nme: x }\n", 2, "unknown key 'nme' under nested.inner (known: name); did you mean 'name'?")]
    public void A_value_of_the_wrong_kind_names_its_line_and_path(string yaml, int line, string problem)
    {
        var e = Assert.Throws<DataFileException>(() => YamlJson.Bind<Sample>(Write("s.yaml", yaml)));
        Assert.Equal(problem, e.Problem);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Nullable_values_may_be_empty()
    {
        var s = YamlJson.Bind<Sample>(Write("s.yaml", "name:\nnested: ~\nbody: null\n"));
        Assert.Null(s.Name);
        Assert.Null(s.Nested);
        Assert.Null(s.Body);
    }

    [Theory]
    [InlineData("a: [1\n", "flow sequence")]
    [InlineData("a: 1\na: 2\n", "Duplicate key")]
    public void Yaml_syntax_errors_name_the_line(string yaml, string problem)
    {
        var e = Assert.Throws<DataFileException>(() => YamlJson.Bind<Sample>(Write("s.yaml", yaml)));
        Assert.NotNull(e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Idx:", e.Problem);
    }

    [Fact]
    public void An_empty_file_is_named()
    {
        var file = Write("s.yaml", "# nothing here\n");
        Assert.Equal($"{file} is empty.", Assert.Throws<DataFileException>(() => YamlJson.Bind<Sample>(file)).Message);
        Assert.Equal($"Profile {file} is empty.", Assert.Throws<ProfileException>(() => ProfileLoader.Load(file)).Message);
    }

    [Fact]
    public void Check_cases_are_a_word_or_a_list_of_names()
    {
        const string head = "areas:\n  a: { title: A, suite: S }\nchecks:\n  - { id: X-001, area: a, level: MUST, cases: per-operation }\n";
        var catalogue = CheckCatalogue.Load(Write("checks.yaml", head + "  - { id: X-002, area: a, level: MUST, cases: [get, org.matrix.profile] }\n"));
        Assert.Null(catalogue["X-001"].CaseNames);
        Assert.Equal(["get", "org.matrix.profile"], catalogue["X-002"].CaseNames);

        var e = Assert.Throws<InvalidDataException>(() => CheckCatalogue.Load(Write("checks.yaml", head + "  - { id: X-002, area: a, level: MUST, cases: per-case }\n")));
        Assert.Contains("X-002 has cases \"per-case\"", e.Message);
    }

    private static string Write(string name, string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "conformance-tests", $"yaml-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name);
        File.WriteAllText(file, yaml);
        return file;
    }

    public enum SampleKind { SharedSecret, Given }

    public sealed class Sample
    {
        public string? Name { get; set; }
        public int Count { get; set; }
        public double Ratio { get; set; }
        public bool Enabled { get; set; } = true;
        public SampleKind Kind { get; set; }
        public List<string> Tags { get; set; } = [];
        public Dictionary<string, string> Words { get; set; } = [];
        public JsonNode? Body { get; set; }
        public SampleNested? Nested { get; set; }
    }

    public sealed class SampleNested
    {
        public SampleInner? Inner { get; set; }
    }

    public sealed class SampleInner
    {
        public string Name { get; set; } = "";
    }
}
