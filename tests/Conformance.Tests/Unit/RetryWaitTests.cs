using Conformance.Harness.Matrix;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>A 429's hint is obeyed up to the cap; a hint that is not a non-negative number or a date is no hint.</summary>
public sealed class RetryWaitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan NoHint = TimeSpan.FromMilliseconds(500);

    private static TimeSpan Wait(string? body, string? header = null) => RetryWait.Of(body, header, Now, Cap, NoHint);

    [Theory]
    [InlineData("""{"retry_after_ms": 1200}""", 1200)]
    [InlineData("""{"retry_after_ms": 0}""", 0)]
    [InlineData("""{"retry_after_ms": 2.5}""", 2.5)]
    [InlineData("""{"retry_after_ms": 600000}""", 5000)]
    [InlineData("""{"retry_after_ms": 1e300}""", 5000)]
    public void The_body_hint_is_obeyed_up_to_the_cap(string body, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), Wait(body));

    [Theory]
    [InlineData("""{"retry_after_ms": -1}""")]
    [InlineData("""{"retry_after_ms": "soon"}""")]
    [InlineData("""{"retry_after_ms": null}""")]
    [InlineData("""{"errcode": "M_LIMIT_EXCEEDED"}""")]
    [InlineData("not json")]
    [InlineData(null)]
    public void A_malformed_or_missing_body_hint_is_no_hint(string? body) => Assert.Equal(NoHint, Wait(body));

    [Theory]
    [InlineData("3", 3000)]
    [InlineData("0", 0)]
    [InlineData("86400", 5000)]
    [InlineData("99999999999999999999", 5000)]
    [InlineData("Tue, 01 Dec 2026 12:00:02 GMT", 2000)]
    [InlineData("Tue, 01 Dec 2026 11:00:00 GMT", 0)]
    public void The_header_hint_is_seconds_or_a_date_up_to_the_cap(string header, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), Wait(null, header));

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("later")]
    public void A_malformed_header_hint_is_no_hint(string header) => Assert.Equal(NoHint, Wait(null, header));

    [Fact]
    public void The_body_hint_wins_over_the_header() => Assert.Equal(TimeSpan.FromMilliseconds(100), Wait("""{"retry_after_ms": 100}""", "4"));
}
