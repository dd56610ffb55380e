using System.Net;
using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>
/// The run as a badge: shields.io endpoint JSON (<c>schemaVersion</c>, <c>label</c>, <c>message</c>,
/// <c>color</c>) and a static SVG of the same. The message counts passed MUST and SHOULD cases out of
/// those that ran; skipped cases (a feature the server does not offer) are shown apart and never count
/// as failures. MSC-only checks are not part of spec conformance and are left out.
/// </summary>
public sealed record Badge(string Label, string Message, string Color)
{
    public static Badge Of(RunResults run)
    {
        var must = LevelScore.Of(run.Results, CheckLevels.Must);
        var should = LevelScore.Of(run.Results, CheckLevels.Should);
        var skipped = must.Skipped + should.Skipped;
        var message = $"{must} · {should}" + (skipped > 0 ? $" · {skipped} skipped" : "");
        var color = !must.AllPassed ? "e05d44" : !should.AllPassed ? "dfb317" : "4c1";
        return new Badge($"matrix conformance: {run.Target.Name}", message, color);
    }

    public string ToEndpointJson() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["label"] = Label,
        ["message"] = Message,
        ["color"] = Color,
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>A flat badge in the shields style; widths estimated from the text (Verdana 11px).</summary>
    public string ToSvg()
    {
        static int Width(string s) => 10 + (int)Math.Ceiling(s.Sum(c => char.IsUpper(c) || char.IsDigit(c) ? 7.5 : c is ' ' or '·' or '/' or ':' ? 4.2 : 6.3));
        var (lw, mw) = (Width(Label), Width(Message));
        var w = lw + mw;
        string E(string s) => WebUtility.HtmlEncode(s);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" aria-label="{E(Label)}: {E(Message)}">
              <title>{E(Label)}: {E(Message)}</title>
              <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
              <clipPath id="r"><rect width="{w}" height="20" rx="3" fill="#fff"/></clipPath>
              <g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="#{Color}"/><rect width="{w}" height="20" fill="url(#s)"/></g>
              <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
                <text x="{lw / 2.0:0.#}" y="14">{E(Label)}</text>
                <text x="{lw + mw / 2.0:0.#}" y="14">{E(Message)}</text>
              </g>
            </svg>

            """;
    }
}
