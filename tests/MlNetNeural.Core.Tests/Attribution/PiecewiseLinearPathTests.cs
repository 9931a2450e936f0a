using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Tests.Core.Attribution;

/// <summary>The cut points of the path where hidden units switch, against a network whose kinks are known by hand.</summary>
public sealed class PiecewiseLinearPathTests
{
    /// <summary>
    /// One input, two ReLU units: relu(x − 0.3) and relu(0.6 − x), then relu(h₀ + h₁ − 0.5) in a second layer. From
    /// b = 0 to x = 1: unit 1 switches off at 0.6, unit 0 on at 0.3, and the second layer, which sees 0.6 − x on [0, 0.3],
    /// 0.3 on [0.3, 0.6] and x − 0.3 on [0.6, 1], switches off at 0.1 and on again at 0.8.
    /// </summary>
    [Fact]
    public void CutPointsAreWhereHiddenUnitsChangeSign()
    {
        var first = new DenseLayer(1, 2, Activation.ReLU);
        first.Weights.Values[0] = 1f;
        first.Weights.Values[1] = -1f;
        first.Bias.Values[0] = -0.3f;
        first.Bias.Values[1] = 0.6f;
        var second = new DenseLayer(2, 1, Activation.ReLU);
        second.Weights.Values[0] = 1f;
        second.Weights.Values[1] = 1f;
        second.Bias.Values[0] = -0.5f;
        var output = new DenseLayer(1, 1, Activation.Identity);
        output.Weights.Values[0] = 2f;
        var path = PiecewiseLinearPath.TryCreate(new Network([first, second, output]))!;

        var centres = new float[10];
        var lengths = new float[10];
        int pieces = path.Cut([0.0], [1.0], centres, lengths);

        double[] cuts = [0, 0.1, 0.3, 0.6, 0.8, 1];
        Assert.Equal(cuts.Length - 1, pieces);
        for (int p = 0; p < pieces; p++)
        {
            Assert.Equal((cuts[p] + cuts[p + 1]) / 2, centres[p], 5);
            Assert.Equal(cuts[p + 1] - cuts[p], lengths[p], 5);
        }
        Assert.Equal(-1, path.Cut([0.0], [1.0], centres.AsSpan(0, 3), lengths.AsSpan(0, 3)));
    }

    [Fact]
    public void ALinearNetworkIsOnePiece()
    {
        var dense = new DenseLayer(3, 2, Activation.Identity);
        var path = PiecewiseLinearPath.TryCreate(new Network([new DropoutLayer(3, 0.1f), dense]))!;
        var centres = new float[4];
        var lengths = new float[4];
        Assert.Equal(1, path.Cut([0.0, 1.0, 2.0], [5.0, -1.0, 0.0], centres, lengths));
        Assert.Equal(0.5f, centres[0]);
        Assert.Equal(1f, lengths[0]);
    }
}
