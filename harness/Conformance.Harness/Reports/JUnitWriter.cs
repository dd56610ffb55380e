using System.Globalization;
using System.Xml.Linq;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>
/// JUnit XML for CI test tabs: one testsuite per area, one testcase per check case. A broken MUST (and an
/// MSC-only MUST) is a failure, a harness error an error, skip and inconclusive are skipped with their
/// reason. A broken SHOULD is not a failure (the server is still conformant): the testcase passes and
/// says "warn" in its properties and output, so a CI tab stays green for conformant servers.
/// </summary>
public static class JUnitWriter
{
    public static XDocument Build(RunResults run, IReadOnlyDictionary<string, string> areaTitles)
    {
        var suites = run.Results.GroupBy(r => r.Area).Select(area =>
        {
            var cases = area.Select(Case).ToList();
            return new XElement("testsuite",
                new XAttribute("name", areaTitles.GetValueOrDefault(area.Key, area.Key)),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", area.Count(r => r.Verdict == Verdict.Fail)),
                new XAttribute("errors", area.Count(r => r.Verdict == Verdict.Error)),
                new XAttribute("skipped", area.Count(r => r.Verdict is Verdict.Skip or Verdict.Inconclusive)),
                new XAttribute("time", Seconds(area.Sum(r => r.DurationMs))),
                new XAttribute("timestamp", run.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XAttribute("hostname", run.Target.Name),
                new XElement("properties",
                    Property("target", $"{run.Target.Name} ({run.Target.Kind}) {run.Target.BaseUrl}"),
                    Property("server.version", run.Target.ServerVersion ?? run.Target.ServerHeader ?? ""),
                    Property("spec.version", run.Spec.Version),
                    Property("suite.version", run.Suite.Version)),
                cases);
        }).ToList();
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", $"{run.Suite.Name}: {run.Target.Name}"),
            new XAttribute("tests", run.Results.Count),
            new XAttribute("failures", run.Results.Count(r => r.Verdict == Verdict.Fail)),
            new XAttribute("errors", run.Results.Count(r => r.Verdict == Verdict.Error)),
            new XAttribute("skipped", run.Results.Count(r => r.Verdict is Verdict.Skip or Verdict.Inconclusive)),
            new XAttribute("time", Seconds(run.Run.DurationMs)),
            suites));
    }

    private static XElement Case(CheckResult r)
    {
        var text = $"{r.Verdict.Name()}: {r.Reason}\n{r.Id} {r.Title} ({r.Level}, since v{r.Since}): {r.SpecUrl}\n\"{r.Requirement}\"" +
                   (r.Finding is null ? "" : $"\nfinding: {r.Finding}") + (r.Detection is null ? "" : $"\ndetected by: {r.Detection}");
        var element = new XElement("testcase",
            new XAttribute("classname", $"{r.Area}.{r.Id}"),
            new XAttribute("name", $"{r.Id} {r.Subject}{(r.Case is null || r.Subject.Contains(r.Case, StringComparison.Ordinal) ? "" : $" [{r.Case}]")}"),
            new XAttribute("time", Seconds(r.DurationMs)),
            new XElement("properties", Property("id", r.Id), Property("level", r.Level), Property("verdict", r.Verdict.Name()), Property("spec", r.SpecUrl)));
        switch (r.Verdict)
        {
            case Verdict.Fail: element.Add(new XElement("failure", new XAttribute("message", r.Reason), new XAttribute("type", r.Level), text)); break;
            case Verdict.Error: element.Add(new XElement("error", new XAttribute("message", r.Reason), new XAttribute("type", "harness"), text)); break;
            case Verdict.Skip or Verdict.Inconclusive: element.Add(new XElement("skipped", new XAttribute("message", $"{r.Verdict.Name()}: {r.Reason}"))); break;
        }
        element.Add(new XElement("system-out", text));
        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(double ms) => (ms / 1000).ToString("0.000", CultureInfo.InvariantCulture);
}
