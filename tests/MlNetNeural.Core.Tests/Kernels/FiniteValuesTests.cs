using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

public class FiniteValuesTests
{
    [Fact]
    public void FindsTheFirstNanOrInfinityWhereverItIs()
    {
        // 37 values: whole vectors of every width, then a scalar tail.
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001)) })
        {
            for (int at = 0; at < 37; at++)
            {
                float[] values = Enumerable.Range(0, 37).Select(i => (i - 18) * 0.5f).ToArray();
                values[at] = bad;
                if (at + 5 < values.Length) values[at + 5] = float.NaN;
                Assert.Equal(at, FiniteValues.IndexOfNonFinite(values));
            }
        }
    }

    [Fact]
    public void ExtremeFiniteValuesAreFinite()
    {
        float[] values = [float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, 0f, -0f, 1e-40f, float.MinValue, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f];
        Assert.Equal(-1, FiniteValues.IndexOfNonFinite(values));
        Assert.Equal(-1, FiniteValues.IndexOfNonFinite([]));
    }
}
