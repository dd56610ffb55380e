using System.Reflection;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Tests;

public sealed class EndpointCatalogueTests
{
    private readonly RepositoryLayout _layout = RepositoryLayout.Locate();

    [Fact]
    public void Committed_catalogue_is_what_the_generator_makes()
    {
        var generated = new EndpointCatalogueGenerator().Generate(_layout.VendoredSpec).ToJson();
        var committed = File.ReadAllText(_layout.EndpointCatalogueFile);
        Assert.True(generated == committed, "fixtures/catalogue/endpoints.json differs from the generator's output: run ./run.sh catalogue and commit the result.");
    }

    /// <summary>The vendored copy has its prose stripped; generating from the upstream tree must give the
    /// same catalogue. Runs where MATRIX_SPEC_DIR names an upstream matrix-spec checkout.</summary>
    [Fact]
    public void Vendored_spec_generates_the_same_catalogue_as_upstream()
    {
        var upstream = Environment.GetEnvironmentVariable("MATRIX_SPEC_DIR");
        Assert.SkipWhen(string.IsNullOrEmpty(upstream), "MATRIX_SPEC_DIR is not set (set it to a matrix-spec checkout to compare).");
        var api = Path.Combine(upstream!, "data", "api", "client-server");
        Assert.SkipUnless(Directory.Exists(api), $"No upstream spec data at {upstream} (MATRIX_SPEC_DIR names no matrix-spec checkout).");
        var fromUpstream = new EndpointCatalogueGenerator().Generate(api, EndpointCatalogueGenerator.LoadRendering(_layout.VendoredSpec)).ToJson();
        Assert.Equal(File.ReadAllText(_layout.EndpointCatalogueFile), fromUpstream);
    }

    [Fact]
    public void Lock_categories_have_the_counts_the_requirements_give()
    {
        var c = EndpointCatalogue.Load(_layout.EndpointCatalogueFile);
        Assert.Equal(166, c.Operations.Count);
        Assert.Equal(132, c.InLockCategory(LockCategories.RequiredAuth).Count());
        Assert.Equal(4, c.InLockCategory(LockCategories.OptionalAuth).Count());
        Assert.Equal(2, c.InLockCategory(LockCategories.Exempt).Count());
        Assert.Equal(2, c.InLockCategory(LockCategories.AppserviceToken).Count());
        Assert.Equal(26, c.InLockCategory(LockCategories.NoAuth).Count());
        Assert.Equal(9, c.Operations.Count(o => o.Deprecated));
        Assert.Equal(8, c.Operations.Count(o => o.Uia));
        Assert.Equal(13, c.Operations.Count(o => o.Media));
    }

    [Fact]
    public void Operations_carry_what_requests_are_built_from()
    {
        var c = EndpointCatalogue.Load(_layout.EndpointCatalogueFile);
        var send = c.ById("sendMessage");
        Assert.Equal("PUT", send.Method);
        Assert.Equal("/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}", send.Path);
        Assert.Equal(["roomId", "eventType", "txnId"], send.PathParameters.Select(p => p.Name));
        Assert.Equal("https://spec.matrix.org/v1.19/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid", send.SpecUrl);
        var lockPut = c.ById("setAdminLockUser");
        Assert.Equal("1.18", lockPut.AddedIn);
        Assert.Equal("locked", Assert.Single(lockPut.Body!.RequiredProperties).Name);
        Assert.Equal("exempt", c.ById("logout_all").LockCategory);
        Assert.True(c.ById("peekEvents").SharedRoute);
        Assert.StartsWith("https://spec.matrix.org/v1.19/client-server-api/#peeking_get", c.ById("peekEvents").SpecUrl);
        Assert.Equal(["from", "to"], c.ById("getKeysChanges").RequiredQuery.Select(q => q.Name));
        Assert.Equal("optional-auth", c.ById("getRoomSummary").LockCategory);
    }
}

public sealed class CheckCatalogueTests
{
    private readonly CheckCatalogue _checks = CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile);

    [Fact]
    public void Holds_every_LK_ADM_SUS_ADS_MD_and_AM_check()
    {
        var expected = Enumerable.Range(1, 16).Select(i => $"LK-{i:000}").Concat(Enumerable.Range(1, 6).Select(i => $"ADM-{i:000}"))
            .Concat(Enumerable.Range(1, 10).Select(i => $"SUS-{i:000}")).Concat(Enumerable.Range(1, 6).Select(i => $"ADS-{i:000}"))
            .Concat(Enumerable.Range(1, 14).Select(i => $"MD-{i:000}")).Concat(Enumerable.Range(1, 14).Select(i => $"AM-{i:000}"));
        Assert.Subset(_checks.Checks.Select(c => c.Id).ToHashSet(), expected.ToHashSet());
    }

    [Fact]
    public void Every_check_has_level_version_link_and_quote()
    {
        foreach (var c in _checks.Checks)
        {
            Assert.Contains(c.Level, CheckLevels.All);
            Assert.Matches(@"^\d+\.\d+$", c.Since);
            Assert.StartsWith("https://", c.SpecUrl);
            Assert.False(string.IsNullOrWhiteSpace(c.Requirement), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Title), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.How), c.Id);
        }
    }

    /// <summary>Each catalogue check is implemented by exactly one test method, in the suite its area names.</summary>
    [Fact]
    public void Every_check_is_implemented_once_in_its_areas_suite()
    {
        var suites = new[] { typeof(Conformance.Suites.Locking.LockingSuite).Assembly, typeof(Conformance.Suites.AccountManagement.AccountManagementSuite).Assembly };
        var implemented = suites.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Check: m.GetCustomAttribute<CheckAttribute>())).Where(x => x.Check is not null)
            .GroupBy(x => x.Check!.Id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var check in _checks.Checks.Where(c => suites.Any(a => a.GetName().Name == _checks.Areas[c.Area].Suite)))
        {
            Assert.True(implemented.TryGetValue(check.Id, out var methods), $"{check.Id} has no [Check] test");
            Assert.Single(methods);
            Assert.Equal(_checks.Areas[check.Area].Suite, methods[0].Method.DeclaringType!.Assembly.GetName().Name);
        }
        Assert.DoesNotContain(implemented.Keys, id => !_checks.Contains(id));
    }

    /// <summary>A check that takes an enum names its cases in C#; the enum and the catalogue's
    /// <c>cases:</c> list must name the same cases, so neither can drift from the other.</summary>
    [Fact]
    public void Case_enums_name_exactly_the_catalogues_cases()
    {
        var suites = new[] { typeof(Conformance.Suites.Locking.LockingSuite).Assembly, typeof(Conformance.Suites.AccountManagement.AccountManagementSuite).Assembly };
        var checked_ = 0;
        foreach (var method in suites.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods()))
        {
            if (method.GetCustomAttribute<CheckAttribute>() is not { } check || method.GetCustomAttribute<NamedCasesAttribute>() is null) continue;
            var parameter = method.GetParameters().Single().ParameterType;
            var listed = _checks[check.Id].CaseNames;
            Assert.True(listed is not null, $"{check.Id} takes named cases but the catalogue lists none");
            if (!parameter.IsEnum)
            {
                Assert.True(listed!.Count == 1, $"{check.Id} has {listed.Count} cases; a check with more than one names them with an enum");
                continue;
            }
            Assert.Equal(listed!.Order(StringComparer.Ordinal), CaseNames.All(parameter).Order(StringComparer.Ordinal));
            checked_++;
        }
        Assert.True(checked_ > 0);
    }

    /// <summary>A check's ID is written once in the product's C#: in its [Check] attribute. Everything else
    /// (the result's ID, the level, the traits) is read from there and from the catalogue.</summary>
    [Fact]
    public void Every_check_ID_is_written_once_in_CSharp_in_its_Check_attribute()
    {
        var root = RepositoryLayout.Locate().Root;
        var sources = new[] { "suites", "harness" }.SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(root, f), Text: File.ReadAllText(f))).ToList();
        var problems = new List<string>();
        foreach (var id in _checks.Checks.Select(c => c.Id))
        {
            var pattern = new System.Text.RegularExpressions.Regex($@"(?<![A-Z0-9-]){System.Text.RegularExpressions.Regex.Escape(id)}(?![0-9])");
            var places = sources.SelectMany(s => pattern.Matches(s.Text).Select(m => (s.File, Attribute: s.Text.Substring(Math.Max(0, m.Index - 7), 7) == "Check(\""))).ToList();
            if (places.Count != 1 || !places[0].Attribute)
                problems.Add($"{id}: {places.Count} place(s): {string.Join(", ", places.Select(p => p.File + (p.Attribute ? " [Check]" : "")))}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

