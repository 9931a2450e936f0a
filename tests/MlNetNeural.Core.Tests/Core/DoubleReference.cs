using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Tests.Core;

/// <summary>
/// An independent, straightforward double-precision forward pass and loss, used as the reference for
/// finite-difference gradient checks. It shares no numeric code with the library.
/// </summary>
public static class DoubleReference
{
    public static double[][] CopyParameters(Network network) =>
        network.Parameters.Select(p => p.Values.Select(v => (double)v).ToArray()).ToArray();

    /// <summary>Outputs of the network (dropout layers are the identity here: inference mode).</summary>
    public static double[] Forward(Network network, double[][] parameters, float[] input, int batch) =>
        Forward(network, parameters, input.Select(v => (double)v).ToArray(), batch);

    /// <summary>The same, for a double-precision input.</summary>
    public static double[] Forward(Network network, double[][] parameters, double[] input, int batch)
    {
        double[] current = input;
        int p = 0;
        foreach (var layer in network.Layers)
        {
            if (layer is LogCompressionLayer compression)
            {
                current = Compress(compression, current);
                continue;
            }
            if (layer is FeatureScalingLayer scaling)
            {
                double[]? gain = scaling.Gain is null ? null : parameters[p++];
                current = Scale(scaling, gain, current, batch);
                continue;
            }
            if (layer is PeriodicEmbeddingLayer periodic)
            {
                current = Embed(periodic, parameters[p], parameters[p + 1], parameters[p + 2], parameters[p + 3], current, batch);
                p += 4;
                continue;
            }
            if (layer is not IFullyConnectedLayer connected) continue;
            var (w, b) = layer switch
            {
                DenseLayer => (parameters[p++], parameters[p++]),
                SparseDenseLayer sparse => (Expand(sparse, parameters[p++]), parameters[p++]),
                LoraDenseLayer lora => (Merge(lora, parameters[p++], parameters[p++]), lora.BaseBias.ToArray().Select(v => (double)v).ToArray()),
                _ => throw new NotSupportedException(layer.Description),
            };
            int n = connected.OutputSize, k = connected.InputSize;
            var next = new double[batch * n];
            for (int r = 0; r < batch; r++)
            for (int j = 0; j < n; j++)
            {
                double z = b[j];
                for (int i = 0; i < k; i++) z += current[r * k + i] * w[j * k + i];
                next[r * n + j] = Activate(connected.Activation, z);
            }
            current = next;
        }
        return current;
    }

    /// <summary>The dense weights of a sparse layer whose stored values are <paramref name="values"/>.</summary>
    private static double[] Expand(SparseDenseLayer layer, double[] values)
    {
        var w = new double[layer.InputSize * layer.OutputSize];
        var starts = layer.Weights.RowStarts;
        var columns = layer.Weights.ColumnIndices;
        for (int row = 0; row < layer.OutputSize; row++)
            for (int e = starts[row]; e < starts[row + 1]; e++) w[row * layer.InputSize + columns[e]] = values[e];
        return w;
    }

    /// <summary>W + (α/r)·B·A in double precision.</summary>
    private static double[] Merge(LoraDenseLayer layer, double[] a, double[] b)
    {
        int n = layer.OutputSize, k = layer.InputSize, rank = layer.Rank;
        var w = new double[n * k];
        for (int j = 0; j < n; j++)
        for (int i = 0; i < k; i++)
        {
            double update = 0;
            for (int r = 0; r < rank; r++) update += b[j * rank + r] * a[r * k + i];
            w[j * k + i] = layer.BaseWeights[j * k + i] + (double)layer.Alpha / rank * update;
        }
        return w;
    }

    /// <summary>sign(x)·log1p(|x|/s) for features with s &gt; 0, x for the others.</summary>
    private static double[] Compress(LogCompressionLayer layer, double[] input)
    {
        int n = layer.InputSize;
        return input.Select((x, i) => layer.Scales[i % n] is > 0f and var s ? Math.CopySign(Math.Log(1 + Math.Abs(x) / s), x) : x).ToArray();
    }

    /// <summary>gain ⊙ c((x − shift) ⊙ scale) with c(z) = z / √(1 + (z/b)²) when the bound b is above 0.</summary>
    private static double[] Scale(FeatureScalingLayer layer, double[]? gain, double[] input, int batch)
    {
        int n = layer.InputSize;
        var output = new double[batch * n];
        for (int r = 0; r < batch; r++)
        for (int j = 0; j < n; j++)
        {
            double z = (input[r * n + j] - layer.Shift[j]) * layer.Scale[j];
            if (layer.ClipBound > 0) z /= Math.Sqrt(1 + z * z / ((double)layer.ClipBound * layer.ClipBound));
            output[r * n + j] = z * (gain?[j] ?? 1.0);
        }
        return output;
    }

    /// <summary>[x, for each embedded s: W_s·cos(2π·w_s·x_s + b_s) + c_s].</summary>
    private static double[] Embed(PeriodicEmbeddingLayer layer, double[] w, double[] b, double[] weights, double[] bias, double[] input, int batch)
    {
        int n = layer.InputSize, k = layer.Frequencies, d = layer.EmbeddingSize, width = layer.OutputSize;
        var output = new double[batch * width];
        for (int r = 0; r < batch; r++)
        {
            for (int j = 0; j < n; j++) output[r * width + j] = input[r * n + j];
            for (int s = 0; s < layer.EmbeddedFeatures.Count; s++)
            {
                double x = input[r * n + layer.EmbeddedFeatures[s]];
                for (int o = 0; o < d; o++)
                {
                    double sum = bias[s * d + o];
                    for (int f = 0; f < k; f++) sum += weights[(s * d + o) * k + f] * Math.Cos(2 * Math.PI * w[s * k + f] * x + b[s * k + f]);
                    output[r * width + n + s * d + o] = sum;
                }
            }
        }
        return output;
    }

    public static double Activate(Activation activation, double z) => activation.Kind switch
    {
        ActivationKind.Identity => z,
        ActivationKind.ReLU => Math.Max(0, z),
        ActivationKind.LeakyReLU => z > 0 ? z : activation.LeakySlope * z,
        ActivationKind.Gelu => 0.5 * z * (1 + Erf(z / Math.Sqrt(2))),
        ActivationKind.Tanh => Math.Tanh(z),
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>erf by its Maclaurin series (|x| small) or continued fraction tail; accurate to ~1e-12 for |x| &lt; 6.</summary>
    public static double Erf(double x)
    {
        if (Math.Abs(x) < 3)
        {
            double sum = 0, term = x;
            for (int n = 0; n < 200; n++)
            {
                sum += term / (2 * n + 1);
                term *= -x * x / (n + 1);
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }
        return Math.Sign(x) * (1 - Math.Exp(-x * x) / (Math.Abs(x) * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * x * x) + 3 / (4 * Math.Pow(x, 4))));
    }

    /// <summary>
    /// Checks <paramref name="inputGradient"/> against central differences of <paramref name="loss"/> in each input value,
    /// with step <paramref name="step"/>(value).
    /// </summary>
    public static void AssertInputGradients(float[] x, Func<double[], double> loss, ReadOnlySpan<float> inputGradient, Func<double, double> step)
    {
        double[] input = x.Select(v => (double)v).ToArray();
        for (int i = 0; i < input.Length; i++)
        {
            double original = input[i], h = step(original);
            input[i] = original + h;
            double plus = loss(input);
            input[i] = original - h;
            double minus = loss(input);
            input[i] = original;
            AssertClose((plus - minus) / (2 * h), inputGradient[i], $"input[{i}]");
        }
    }

    /// <summary>A finite-difference gradient against a back-propagated one: relative error below 1e-3, or both below 1e-5 and within 1e-7.</summary>
    public static void AssertClose(double numeric, double analytic, string what)
    {
        double scale = Math.Max(Math.Abs(numeric), Math.Abs(analytic));
        if (scale < 1e-5)
        {
            Assert.True(Math.Abs(numeric - analytic) < 1e-7, $"{what}: numeric {numeric}, analytic {analytic}");
            return;
        }
        double relative = Math.Abs(numeric - analytic) / scale;
        Assert.True(relative < 1e-3, $"{what}: numeric {numeric:G9}, analytic {analytic:G9}, relative error {relative:G3}");
    }

    public enum LossKind { Softmax, Binary, Mse, Huber }

    /// <summary>Σ wᵢ·ℓᵢ / batch, matching the library's convention, computed directly.</summary>
    public static double Loss(LossKind kind, double[] outputs, float[] targets, float[]? weights, int batch, int width,
        float[]? classWeights = null, float positiveWeight = 1f, double huberDelta = 1.0)
    {
        double total = 0;
        for (int r = 0; r < batch; r++)
        {
            double w = weights?[r] ?? 1.0;
            double rowLoss;
            switch (kind)
            {
                case LossKind.Softmax:
                {
                    int label = (int)targets[r];
                    double sum = 0;
                    for (int c = 0; c < width; c++) sum += Math.Exp(outputs[r * width + c]);
                    rowLoss = -Math.Log(Math.Exp(outputs[r * width + label]) / sum);
                    w *= classWeights?[label] ?? 1.0;
                    break;
                }
                case LossKind.Binary:
                {
                    double p = 1 / (1 + Math.Exp(-outputs[r]));
                    double y = targets[r];
                    rowLoss = -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
                    if (y == 1) w *= positiveWeight;
                    break;
                }
                default:
                {
                    rowLoss = 0;
                    for (int j = 0; j < width; j++)
                    {
                        double e = outputs[r * width + j] - targets[r * width + j];
                        rowLoss += kind == LossKind.Mse ? e * e
                            : Math.Abs(e) <= huberDelta ? 0.5 * e * e : huberDelta * (Math.Abs(e) - 0.5 * huberDelta);
                    }
                    rowLoss /= width;
                    break;
                }
            }
            total += w * rowLoss;
        }
        return total / batch;
    }
}
