using static TorchSharp.torch;

namespace MlNetNeural.Benchmarks.Torch;

/// <summary>Proves libtorch loads through the patched shim: one small matrix product with a known answer.</summary>
public static class TorchCheck
{
    /// <summary>Multiplies [[1,2],[3,4]] by itself and compares with [[7,10],[15,22]].</summary>
    /// <returns>A one-line report naming the libtorch thread count.</returns>
    /// <exception cref="InvalidOperationException">The product is wrong.</exception>
    public static string Run()
    {
        TorchRuntime.Initialize();
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var product = a.mm(a);
        float[] values = product.data<float>().ToArray();
        float[] expected = [7, 10, 15, 22];
        if (!values.SequenceEqual(expected))
            throw new InvalidOperationException($"libtorch computed [{string.Join(", ", values)}] for [[1,2],[3,4]]²; expected [7, 10, 15, 22].");
        return $"TorchSharp OK: [[1,2],[3,4]]² = [[7,10],[15,22]] with {get_num_threads()} libtorch thread(s).";
    }
}
