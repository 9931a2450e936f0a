using MlNetNeural.Core.Attribution;

namespace MlNetNeural.Tests.Core.Attribution;

/// <summary>The integration rules of integrated gradients against exact integrals.</summary>
public sealed class PathQuadratureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(128)]
    public void GaussLegendreIntegratesPolynomialsUpToDegreeTwoNMinusOneExactly(int points)
    {
        var rule = PathQuadrature.Create(IntegrationRule.GaussLegendre, points);
        Assert.Equal(points, rule.Count);
        int maxDegree = Math.Min(2 * points - 1, 30);
        for (int degree = 0; degree <= maxDegree; degree++)
        {
            double sum = 0;
            for (int s = 0; s < points; s++) sum += rule.Weights[s] * Math.Pow(rule.Nodes[s], degree);
            Assert.Equal(1.0 / (degree + 1), sum, 5); // ∫₀¹ αᵈ dα; float nodes and weights
        }
    }

    [Fact]
    public void GaussLegendreNodesAreTheKnownRootsForThreePoints()
    {
        // P₃ has roots 0 and ±√(3/5) with weights 8/9 and 5/9 on [−1, 1]; on [0, 1] the weights halve.
        var rule = PathQuadrature.Create(IntegrationRule.GaussLegendre, 3);
        double root = Math.Sqrt(0.6);
        Assert.Equal((1 - root) / 2, rule.Nodes[0], 6);
        Assert.Equal(0.5, rule.Nodes[1], 6);
        Assert.Equal((1 + root) / 2, rule.Nodes[2], 6);
        Assert.Equal(5.0 / 18, rule.Weights[0], 6);
        Assert.Equal(4.0 / 9, rule.Weights[1], 6);
        Assert.Equal(5.0 / 18, rule.Weights[2], 6);
    }

    [Fact]
    public void MidpointRuleTakesEqualStepsAtTheirCentres()
    {
        var rule = PathQuadrature.Create(IntegrationRule.RiemannMidpoint, 4);
        Assert.Equal([0.125f, 0.375f, 0.625f, 0.875f], rule.Nodes);
        Assert.All(rule.Weights, weight => Assert.Equal(0.25f, weight));
    }

    [Fact]
    public void GradientTimesInputEvaluatesOnlyAtTheRow()
    {
        var rule = new AttributionSettings { Method = AttributionMethod.GradientTimesInput, IntegrationSteps = 500 }.CreateQuadrature();
        Assert.Equal([1f], rule.Nodes);
        Assert.Equal([1f], rule.Weights);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AttributionSettings.MaxIntegrationSteps + 1)]
    public void StepCountsOutOfRangeAreRefusedByName(int steps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AttributionSettings { IntegrationSteps = steps }.CreateQuadrature());
        Assert.Equal("IntegrationSteps", error.ParamName);
    }
}
