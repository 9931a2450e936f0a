namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>Seeded random networks and feature rows for the equivalence tests.</summary>
internal static class RandomMlp
{
    public const int FeatureCount = 7;
    public const int ClassCount = 4;

    /// <summary>
    /// A network FeatureCount -> 9 -> 5 -> outputs with <paramref name="hiddenActivation"/> on the hidden layers,
    /// <paramref name="outputActivation"/> on the last, and an optional random affine input normalization.
    /// </summary>
    public static OnnxMlpDescription Create(
        int seed, OnnxMlpHead head, OnnxActivation hiddenActivation, bool normalize,
        OnnxActivation outputActivation = OnnxActivation.Identity, string inputName = OnnxMlpColumnNames.Features)
    {
        var random = new Random(seed);
        int outputs = head == OnnxMlpHead.Multiclass ? ClassCount : 1;
        int[] sizes = [FeatureCount, 9, 5, outputs];
        var layers = new List<OnnxDenseLayer>();
        for (int index = 0; index + 1 < sizes.Length; index++)
        {
            int inputCount = sizes[index], outputCount = sizes[index + 1];
            double limit = Math.Sqrt(6.0 / inputCount);
            var activation = index + 2 == sizes.Length ? outputActivation : hiddenActivation;
            layers.Add(new OnnxDenseLayer(
                inputCount, outputCount,
                Uniform(random, outputCount * inputCount, limit),
                Uniform(random, outputCount, 0.5),
                activation)
            {
                LeakyReluAlpha = 0.1f,
            });
        }
        return new OnnxMlpDescription(FeatureCount, layers, head)
        {
            InputNormalization = normalize ? RandomNormalization(random) : null,
            InputName = inputName,
        };
    }

    /// <summary>Feature rows, row-major [rowCount, FeatureCount], uniform in [-3, 3].</summary>
    public static float[] Rows(int seed, int rowCount) =>
        Uniform(new Random(seed), rowCount * FeatureCount, 3.0);

    private static OnnxInputNormalization RandomNormalization(Random random) =>
        new(
            scale: Enumerable.Range(0, FeatureCount).Select(_ => (float)(0.2 + random.NextDouble())).ToArray(),
            offset: Uniform(random, FeatureCount, 1.0));

    private static float[] Uniform(Random random, int count, double limit) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * limit)).ToArray();
}
