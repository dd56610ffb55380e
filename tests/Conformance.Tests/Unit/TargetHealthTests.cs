using Conformance.Harness.Matrix;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The run's breaker: a few silences in a row, after the target has answered once, declare it
/// unresponsive, once; an answer in between resets the count.</summary>
public sealed class TargetHealthTests
{
    [Fact]
    public void Three_silences_in_a_row_declare_the_target_unresponsive_once()
    {
        var health = new TargetHealth();
        var declared = new List<string>();
        health.WentDown += declared.Add;
        health.NoAnswer("GET /a: timed out after 10 s");
        health.NoAnswer("GET /b: timed out after 10 s");
        Assert.False(health.IsDown);
        health.NoAnswer("GET /c: Connection refused");
        health.NoAnswer("GET /d: Connection refused");
        Assert.True(health.IsDown);
        Assert.Equal(["the target stopped answering: 3 requests in a row got no answer (the last: GET /c: Connection refused)"], declared);
    }

    [Fact]
    public void An_answer_resets_the_count()
    {
        var health = new TargetHealth();
        health.NoAnswer("1");
        health.NoAnswer("2");
        health.Answered();
        health.NoAnswer("3");
        health.NoAnswer("4");
        Assert.False(health.IsDown);
    }

    [Fact]
    public void Silence_before_the_target_ever_answered_is_the_readiness_wait_s_business()
    {
        var health = new TargetHealth(answered: false);
        for (var i = 0; i < 10; i++) health.NoAnswer("GET /versions: Connection refused");
        Assert.False(health.IsDown);
        health.Answered();
        for (var i = 0; i < 3; i++) health.NoAnswer("GET /x: Connection refused");
        Assert.True(health.IsDown);
    }

    [Fact]
    public void A_declaration_keeps_the_first_reason()
    {
        var health = new TargetHealth();
        health.Declare("first");
        health.Declare("second");
        Assert.Equal("first", health.DownReason);
    }
}
