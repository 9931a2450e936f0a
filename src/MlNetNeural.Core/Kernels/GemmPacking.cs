using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// Copies a strip of an operand into the panel layout the micro-kernel reads: for each k step,
/// <c>width</c> consecutive floats (one per row of A, or one per column of B), zero-padded past the edge.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// dst[p·width + lane] = src[lane·laneStride + p·depthStride] for lane &lt; lanes, 0 for lanes ≤ lane &lt; width
    /// (left as they were when <paramref name="clearPadding"/> is false: for a caller whose kernel never reads them).
    /// One of the strides must be 1 (true of every operand of the three products).
    /// </summary>
    /// <param name="source">Element (lane 0, step 0) of the strip.</param>
    /// <param name="laneStride">Distance in floats between neighbouring lanes (rows of A / columns of B).</param>
    /// <param name="depthStride">Distance in floats between neighbouring k steps.</param>
    /// <param name="lanes">Lanes present in the operand (≤ width).</param>
    /// <param name="width">Panel width.</param>
    /// <param name="depth">Number of k steps.</param>
    /// <param name="destination">Start of the panel: width·depth floats.</param>
    /// <param name="clearPadding">Zero the lanes past <paramref name="lanes"/>; false only when no kernel reads them.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackPanel(float* source, nint laneStride, nint depthStride, int lanes, int width, int depth, float* destination, bool clearPadding = true)
    {
        if (lanes < width && clearPadding)
        {
            new Span<float>(destination, width * depth).Clear();
        }

        if (laneStride == 1 && lanes % Vector128<float>.Count == 0)
        {
            // The lanes of one k step are contiguous already: copy rows of the strip, a vector at a time.
            for (int p = 0; p < depth; p++)
            {
                float* from = source + p * depthStride, to = destination + p * width;
                for (int lane = 0; lane < lanes; lane += Vector128<float>.Count)
                {
                    Vector128.Store(Vector128.Load(from + lane), to + lane);
                }
            }
        }
        else if (laneStride == 1)
        {
            for (int p = 0; p < depth; p++)
            {
                new ReadOnlySpan<float>(source + p * depthStride, lanes).CopyTo(new Span<float>(destination + p * width, lanes));
            }
        }
        else
        {
            Debug.Assert(depthStride == 1, "Every operand of the three products is contiguous along its lanes or along k.");

            // Each lane is contiguous along k: a transpose. Go a block of k steps at a time so the
            // destination rows being written stay in L1 while every lane is read in order.
            const int StepsPerBlock = 64;
            for (int first = 0; first < depth; first += StepsPerBlock)
            {
                int steps = Math.Min(StepsPerBlock, depth - first);
                int lane = Avx.IsSupported ? TransposeOctets(source + first, laneStride, lanes, width, steps, destination + first * width) : 0;
                lane = Sse.IsSupported ? TransposeQuads(source + first, laneStride, lane, lanes, width, steps, destination + first * width) : lane;
                for (; lane < lanes; lane++)
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
    }

    /// <summary>
    /// Transposes groups of eight lanes with 8×8 AVX shuffles: dst[p·width + lane] = src[lane·laneStride + p], for the
    /// steps of whole groups of eight and then one step at a time. Returns the first lane it left for the caller
    /// (lanes past the last whole group).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TransposeOctets(float* source, nint laneStride, int lanes, int width, int steps, float* destination)
    {
        int lane = 0;
        for (; lane + 8 <= lanes; lane += 8)
        {
            float* s0 = source + lane * laneStride;
            float* to = destination + lane;
            int p = 0;
            for (; p + 8 <= steps; p += 8)
            {
                float* s = s0 + p;
                Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + laneStride);
                Vector256<float> r2 = Avx.LoadVector256(s + 2 * laneStride), r3 = Avx.LoadVector256(s + 3 * laneStride);
                Vector256<float> r4 = Avx.LoadVector256(s + 4 * laneStride), r5 = Avx.LoadVector256(s + 5 * laneStride);
                Vector256<float> r6 = Avx.LoadVector256(s + 6 * laneStride), r7 = Avx.LoadVector256(s + 7 * laneStride);

                // Pairs of lanes interleaved, then quads; each 128-bit half then holds four lanes of one step.
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

                float* d = to + p * width;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(d + width, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(d + 2 * width, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(d + 3 * width, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(d + 4 * width, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(d + 5 * width, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(d + 6 * width, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(d + 7 * width, Avx.Permute2x128(u3, u7, 0x31));
            }

            for (; p < steps; p++)
            {
                for (int i = 0; i < 8; i++)
                {
                    to[p * width + i] = s0[i * laneStride + p];
                }
            }
        }

        return lane;
    }

    /// <summary>
    /// Transposes groups of four lanes from <paramref name="firstLane"/> on with 4×4 SSE shuffles:
    /// dst[p·width + lane] = src[lane·laneStride + p]. Returns the first lane it left for the caller
    /// (lanes past the last whole group).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TransposeQuads(float* source, nint laneStride, int firstLane, int lanes, int width, int steps, float* destination)
    {
        int lane = firstLane;
        for (; lane + 4 <= lanes; lane += 4)
        {
            float* s0 = source + lane * laneStride, s1 = s0 + laneStride, s2 = s1 + laneStride, s3 = s2 + laneStride;
            float* to = destination + lane;
            int p = 0;
            for (; p + 4 <= steps; p += 4)
            {
                Vector128<float> r0 = Sse.LoadVector128(s0 + p), r1 = Sse.LoadVector128(s1 + p);
                Vector128<float> r2 = Sse.LoadVector128(s2 + p), r3 = Sse.LoadVector128(s3 + p);
                Vector128<float> low01 = Sse.UnpackLow(r0, r1), low23 = Sse.UnpackLow(r2, r3);
                Vector128<float> high01 = Sse.UnpackHigh(r0, r1), high23 = Sse.UnpackHigh(r2, r3);
                Sse.Store(to + p * width, Sse.MoveLowToHigh(low01, low23));
                Sse.Store(to + (p + 1) * width, Sse.MoveHighToLow(low23, low01));
                Sse.Store(to + (p + 2) * width, Sse.MoveLowToHigh(high01, high23));
                Sse.Store(to + (p + 3) * width, Sse.MoveHighToLow(high23, high01));
            }

            for (; p < steps; p++)
            {
                to[p * width] = s0[p];
                to[p * width + 1] = s1[p];
                to[p * width + 2] = s2[p];
                to[p * width + 3] = s3[p];
            }
        }

        return lane;
    }
}
