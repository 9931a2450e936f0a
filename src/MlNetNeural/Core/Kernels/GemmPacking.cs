namespace MlNetNeural.Core.Kernels;

/// <summary>
/// Copies a strip of an operand into the panel layout the micro-kernel reads: for each k step,
/// <c>width</c> consecutive floats (one per row of A, or one per column of B), zero-padded past the edge.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// dst[p·width + lane] = src[lane·laneStride + p·depthStride] for lane &lt; lanes, 0 for lanes ≤ lane &lt; width.
    /// </summary>
    /// <param name="source">Element (lane 0, step 0) of the strip.</param>
    /// <param name="laneStride">Distance in floats between neighbouring lanes (rows of A / columns of B).</param>
    /// <param name="depthStride">Distance in floats between neighbouring k steps.</param>
    /// <param name="lanes">Lanes present in the operand (≤ width).</param>
    /// <param name="width">Panel width.</param>
    /// <param name="depth">Number of k steps.</param>
    /// <param name="destination">Start of the panel: width·depth floats.</param>
    public static void PackPanel(float* source, nint laneStride, nint depthStride, int lanes, int width, int depth, float* destination)
    {
        if (lanes < width)
        {
            new Span<float>(destination, width * depth).Clear();
        }

        if (laneStride == 1)
        {
            // The lanes of one k step are contiguous already: copy rows of the strip.
            for (int p = 0; p < depth; p++)
            {
                new ReadOnlySpan<float>(source + p * depthStride, lanes).CopyTo(new Span<float>(destination + p * width, lanes));
            }
        }
        else if (depthStride == 1)
        {
            // Each lane is contiguous along k (a transpose). Go a cache line of k at a time so the
            // destination rows being written stay in L1 while every lane is read in order.
            const int StepsPerLine = 16;
            for (int first = 0; first < depth; first += StepsPerLine)
            {
                int steps = Math.Min(StepsPerLine, depth - first);
                for (int lane = 0; lane < lanes; lane++)
                {
                    float* from = source + lane * laneStride + first;
                    float* to = destination + first * width + lane;
                    for (int p = 0; p < steps; p++)
                    {
                        to[p * width] = from[p];
                    }
                }
            }
        }
        else
        {
            for (int p = 0; p < depth; p++)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    destination[p * width + lane] = source[lane * laneStride + p * depthStride];
                }
            }
        }
    }
}
