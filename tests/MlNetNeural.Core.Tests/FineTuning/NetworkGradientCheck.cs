using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.FineTuning;

/// <summary>
/// Checks a network's back-propagated parameter and input gradients under the mean-squared error against central finite
/// differences of the independent double-precision reference (<see cref="DoubleReference"/>): relative error below 1e-3.
/// </summary>
internal static class NetworkGradientCheck
{
    public static void Verify(Network network, int batch, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        int outputs = network.OutputSize;
        float[] x = Enumerable.Range(0, batch * network.InputSize).Select(_ => random.NextGaussian()).ToArray();
        float[] targets = Enumerable.Range(0, batch * outputs).Select(_ => random.NextGaussian()).ToArray();
        var loss = new MeanSquaredErrorLoss(outputs);
        var workspace = network.CreateWorkspace(batch);
        var y = network.Forward(x, workspace, batch, new ForwardMode(true, new DeterministicRandom(1), 1));
        var gradient = new float[batch * outputs];
        loss.Compute(y, targets, default, batch, gradient);
        var inputGradient = new float[x.Length];
        network.Backward(x, workspace, gradient, batch, 1, inputGradient);

        double Reference(double[][] parameters, double[] input) =>
            DoubleReference.Loss(DoubleReference.LossKind.Mse, DoubleReference.Forward(network, parameters, input, batch), targets, null, batch, outputs);

        var reference = DoubleReference.CopyParameters(network);
        double[] input = x.Select(v => (double)v).ToArray();
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int i = 0; i < reference[p].Length; i++)
            {
                double numeric = CentralDifference(reference[p], i, () => Reference(reference, input));
                DoubleReference.AssertClose(numeric, network.Parameters[p].Gradient[i], $"{network.Parameters[p].Name}[{i}]");
            }
        }
        for (int i = 0; i < input.Length; i++)
            DoubleReference.AssertClose(CentralDifference(input, i, () => Reference(reference, input)), inputGradient[i], $"input[{i}]");
    }

    private static double CentralDifference(double[] values, int i, Func<double> function)
    {
        const double h = 1e-6;
        double original = values[i];
        values[i] = original + h;
        double plus = function();
        values[i] = original - h;
        double minus = function();
        values[i] = original;
        return (plus - minus) / (2 * h);
    }
}
