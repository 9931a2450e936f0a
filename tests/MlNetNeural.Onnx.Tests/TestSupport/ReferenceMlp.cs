namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>
/// A deliberately plain forward pass of an <see cref="OnnxMlpDescription"/> in double precision, written from the
/// definitions (not from the exporter), to check what OnnxRuntime computes from the exported graph.
/// </summary>
internal static class ReferenceMlp
{
    /// <summary>The last layer's outputs (logits for classification heads) for one feature row.</summary>
    public static double[] Forward(OnnxMlpDescription description, float[] features)
    {
        double[] values = features.Select(f => (double)f).ToArray();
        if (description.InputNormalization is { } normalization)
        {
            for (int j = 0; j < values.Length; j++)
            {
                double offset = normalization.Offset?[j] ?? 0.0;
                values[j] = (values[j] - offset) * normalization.Scale[j];
            }
        }
        foreach (var layer in description.Layers)
        {
            values = layer switch
            {
                OnnxDenseLayer dense => Dense(dense, values),
                OnnxFeatureScalingLayer scaling => Scaling(scaling, values),
                _ => throw new ArgumentOutOfRangeException(nameof(description), layer.GetType().Name, "No reference for this layer kind."),
            };
        }
        return values;
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    public static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] exps = logits.Select(v => Math.Exp(v - max)).ToArray();
        double sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }

    private static double[] Dense(OnnxDenseLayer layer, double[] input)
    {
        var output = new double[layer.OutputCount];
        for (int o = 0; o < layer.OutputCount; o++)
        {
            double sum = layer.Bias[o];
            for (int i = 0; i < layer.InputCount; i++)
                sum += layer.Weights[o * layer.InputCount + i] * input[i];
            output[o] = Activate(layer, sum);
        }
        return output;
    }

    /// <summary>gain * c((x - shift) * scale), c(z) = z / sqrt(1 + (z / b)^2) when b &gt; 0.</summary>
    private static double[] Scaling(OnnxFeatureScalingLayer layer, double[] input)
    {
        var output = new double[input.Length];
        for (int j = 0; j < input.Length; j++)
        {
            double z = (input[j] - layer.Shift[j]) * layer.Scale[j];
            if (layer.ClipBound > 0f) z /= Math.Sqrt(1 + (z / layer.ClipBound) * (z / layer.ClipBound));
            output[j] = z * (layer.Gain?[j] ?? 1.0);
        }
        return output;
    }

    private static double Activate(OnnxDenseLayer layer, double x) => layer.Activation switch
    {
        OnnxActivation.Identity => x,
        OnnxActivation.Relu => Math.Max(0.0, x),
        OnnxActivation.LeakyRelu => x >= 0 ? x : layer.LeakyReluAlpha * x,
        OnnxActivation.Gelu => 0.5 * x * (1.0 + Erf.Of(x / Math.Sqrt(2.0))),
        OnnxActivation.Tanh => Math.Tanh(x),
        OnnxActivation.Sigmoid => Sigmoid(x),
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };
}
