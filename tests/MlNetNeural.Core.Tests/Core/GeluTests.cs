using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Tests.Core;

public class GeluTests
{
    private static readonly Activation Gelu = new(ActivationKind.Gelu);

    private static float[] Grid() => [.. Enumerable.Range(-1200, 2401).Select(i => i / 200f)]; // −6 to 6 by 0.005

    [Fact]
    public void ForwardMatchesTheExactFunctionInDouble()
    {
        float[] x = Grid(), y = new float[x.Length];

        Gelu.Apply(x, y);

        for (int i = 0; i < x.Length; i++)
        {
            double exact = 0.5 * x[i] * (1 + DoubleReference.Erf(x[i] / Math.Sqrt(2)));
            // The erf formula's 1.5e-7 and single-precision rounding, scaled by |x| (GELU multiplies erf by x/2).
            Assert.True(Math.Abs(y[i] - exact) <= 4e-7 * Math.Max(1, Math.Abs(x[i])), $"GELU({x[i]}) = {y[i]}, exact {exact}.");
        }
    }

    [Fact]
    public void DerivativeMatchesTheExactDerivativeInDouble()
    {
        float[] x = Grid(), gradient = [.. x.Select(_ => 1f)];

        Gelu.Backpropagate(x, new float[x.Length], gradient);

        for (int i = 0; i < x.Length; i++)
        {
            double z = x[i], exact = 0.5 * (1 + DoubleReference.Erf(z / Math.Sqrt(2))) + z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            Assert.True(Math.Abs(gradient[i] - exact) <= 4e-7 * Math.Max(1, Math.Abs(z)), $"GELU'({z}) = {gradient[i]}, exact {exact}.");
        }
    }

    [Fact]
    public void DerivativeAgreesWithAFiniteDifferenceOfTheForward()
    {
        const float Step = 1e-2f;
        foreach (float x in new[] { -3.1f, -1f, -0.3f, 0f, 0.4f, 1.7f, 4f })
        {
            float[] gradient = [1f];
            Gelu.Backpropagate([x], [0f], gradient);
            double numeric = ((double)Activation.Gelu(x + Step) - Activation.Gelu(x - Step)) / (2 * Step);
            DoubleReference.AssertClose(numeric, gradient[0], $"GELU' at {x}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)] // whole vectors and a remainder on every vector width
    public void EveryValueGetsTheSameBitsWhereverItSitsInTheSpan(int length)
    {
        var random = new Random(length);
        float[] x = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 10 - 5))];
        float[] together = new float[length], derivativeTogether = [.. x.Select(_ => 1.5f)];
        Gelu.Apply(x, together);
        Gelu.Backpropagate(x, together, derivativeTogether);

        for (int i = 0; i < length; i++)
        {
            float[] alone = [0f], derivativeAlone = [1.5f];
            Gelu.Apply(x.AsSpan(i, 1), alone);
            Gelu.Backpropagate(x.AsSpan(i, 1), alone, derivativeAlone);
            Assert.Equal(BitConverter.SingleToInt32Bits(together[i]), BitConverter.SingleToInt32Bits(alone[0]));
            Assert.Equal(BitConverter.SingleToInt32Bits(together[i]), BitConverter.SingleToInt32Bits(Activation.Gelu(x[i])));
            Assert.Equal(BitConverter.SingleToInt32Bits(derivativeTogether[i]), BitConverter.SingleToInt32Bits(derivativeAlone[0]));
        }
    }

    [Fact]
    public void InputAndOutputMayBeTheSameMemory()
    {
        float[] x = Grid(), separate = new float[x.Length], inPlace = (float[])x.Clone();

        Gelu.Apply(x, separate);
        Gelu.Apply(inPlace, inPlace);

        Assert.Equal(separate, inPlace);
    }

    [Fact]
    public void LargeInputsSaturateToTheIdentityAndZero()
    {
        float[] x = [-40f, -12f, 12f, 40f], y = new float[4], gradient = [1f, 1f, 1f, 1f];

        Gelu.Apply(x, y);
        Gelu.Backpropagate(x, y, gradient);

        Assert.Equal([0f, 0f, 12f, 40f], y); // float equality: −0 equals 0
        Assert.Equal([0f, 0f, 1f, 1f], gradient.Select(g => MathF.Round(g, 6))); // GELU'(−12) is about −2.6e-31
    }

    [Fact]
    public void ForwardGivesTheBitsOfTheScalarFormulaOfEarlierVersions()
    {
        // Saved models must score as when they were saved (LegacyModelTests): until 2026-12-01 GELU was computed one value
        // at a time by this formula, erf in double precision with Math.Exp, rounded to single.
        static float EarlierGelu(float x)
        {
            double ax = Math.Abs((double)(x * 0.70710678f));
            double t = 1.0 / (1.0 + 0.3275911 * ax);
            double poly = ((((1.061405429 * t + -1.453152027) * t + 1.421413741) * t + -0.284496736) * t + 0.254829592) * t;
            double y = 1.0 - poly * Math.Exp(-ax * ax);
            float erf = (float)(x * 0.70710678f < 0 ? -y : y);
            return 0.5f * x * (1f + erf);
        }
        var random = new Random(11);
        float[] x = [.. Grid(), .. Enumerable.Range(0, 200_000).Select(_ => (float)(random.NextDouble() * 16 - 8))];
        var y = new float[x.Length];

        Gelu.Apply(x, y);

        for (int i = 0; i < x.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(EarlierGelu(x[i])) == BitConverter.SingleToInt32Bits(y[i]), $"GELU({x[i]:R}) = {y[i]:R}, earlier {EarlierGelu(x[i]):R}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(2401)]
    public void TheForwardPassThatKeepsTheDerivativeGivesTheBitsOfBothPasses(int length)
    {
        var random = new Random(length);
        float[] x = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 12 - 6))];
        float[] expected = new float[length], expectedDerivative = [.. x.Select(_ => 1f)];
        Gelu.Apply(x, expected);
        Gelu.Backpropagate(x, expected, expectedDerivative);

        // The derivative overwrites the input, as a training run's layer does with its pre-activation buffer.
        float[] output = new float[length], kept = (float[])x.Clone();
        Assert.True(Gelu.ApplyKeepingDerivative(kept, output, kept));

        Assert.Equal(Bits(expected), Bits(output));
        Assert.Equal(Bits(expectedDerivative), Bits(kept));
    }

    [Fact]
    public void ActivationsWhoseDerivativeComesFromTheOutputKeepNone()
    {
        float[] x = [-1f, 2f], output = new float[2], untouched = [7f, 7f];

        Assert.False(new Activation(ActivationKind.ReLU).ApplyKeepingDerivative(x, output, untouched));

        Assert.Equal([0f, 2f], output);
        Assert.Equal([7f, 7f], untouched);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ATrainingRunsPassesGiveTheGradientsOfTheExactPasses(int threads)
    {
        // 300 rows of 64 GELU units: above the size from which the element-wise passes split between threads.
        const int rows = 300, features = 12;
        var network = new NetworkArchitecture(features, [new DenseSpec(64, Gelu), new DenseSpec(64, Gelu), new DenseSpec(3, Activation.Identity)])
            .Build(new DeterministicRandom(4));
        var random = new DeterministicRandom(5);
        float[] x = [.. Enumerable.Range(0, rows * features).Select(_ => 2f * random.NextGaussian())];
        float[] Gradients(ForwardMode mode)
        {
            var workspace = network.CreateWorkspace(rows);
            float[] outputGradient = [.. network.Forward(x, workspace, rows, mode).ToArray().Select(y => y - 0.5f)];
            network.Backward(x, workspace, outputGradient, rows, threads);
            return [.. network.Parameters.SelectMany(parameter => parameter.Gradient)];
        }

        var exact = Gradients(new ForwardMode(true, new DeterministicRandom(1), threads));
        var inTrainingRun = Gradients(new ForwardMode(true, new DeterministicRandom(1), threads) { InTrainingRun = true });

        Assert.Equal(Bits(exact), Bits(inTrainingRun));
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
