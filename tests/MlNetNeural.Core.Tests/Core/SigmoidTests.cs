using MlNetNeural.Core.Activations;

namespace MlNetNeural.Tests.Core;

/// <summary>The logistic function, exact for the loss's gradient and kept strictly inside (0, 1) for reported probabilities.</summary>
public sealed class SigmoidTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(2.5f)]
    [InlineData(-7f)]
    [InlineData(16f)]
    public void OfIsTheLogisticFunctionAndProbabilityEqualsItAwayFromTheEnds(float z)
    {
        Assert.Equal(1 / (1 + Math.Exp(-z)), Sigmoid.Of(z), 1e-7);
        Assert.Equal(Sigmoid.Of(z), Sigmoid.Probability(z));
    }

    [Theory]
    [InlineData(17f)]
    [InlineData(40f)]
    [InlineData(float.MaxValue)]
    public void ALogitThatRoundsToCertaintyReportsTheFloatJustBelowOne(float z)
    {
        Assert.Equal(1f, Sigmoid.Of(z)); // what single precision makes of it
        Assert.Equal(Sigmoid.LargestProbability, Sigmoid.Probability(z));
        Assert.Equal(Sigmoid.LargestProbability, MathF.BitDecrement(1f));
        Assert.True(double.IsFinite(-Math.Log(1 - Sigmoid.Probability(z)))); // a wrong row's log-loss stays finite
    }

    [Theory]
    [InlineData(-110f)]
    [InlineData(float.MinValue)]
    public void ALogitThatRoundsToZeroReportsTheSmallestPositiveFloat(float z)
    {
        Assert.Equal(0f, Sigmoid.Of(z));
        Assert.Equal(float.Epsilon, Sigmoid.Probability(z));
    }
}
