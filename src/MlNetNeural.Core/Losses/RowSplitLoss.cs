using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Losses;

/// <summary>
/// A training run's loss: a <see cref="IRowwiseLoss"/> split between the compute team's threads in blocks of rows, each
/// row's loss kept in a buffer and the buffer added in row order afterwards, so the batch loss and the gradient have the
/// bits of <see cref="ILoss.Compute"/> for any thread count. Other losses run <see cref="ILoss.Compute"/> on the calling
/// thread. Nothing is allocated per call.
/// </summary>
/// <param name="maxBatch">The most rows a call gets.</param>
internal sealed unsafe class RowSplitLoss(int maxBatch)
{
    /// <summary>Batches of fewer rows stay on the calling thread; larger ones split in blocks of <see cref="RowsPerChunk"/> rows.</summary>
    private const int SplitFromRows = 16, RowsPerChunk = 8;

    private readonly double[] _rowLosses = new double[maxBatch];

    /// <summary>The same as <paramref name="loss"/>'s <see cref="ILoss.Compute"/>, on up to <paramref name="threads"/> threads.</summary>
    public double Compute(ILoss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, Span<float> gradient, int threads)
    {
        if (loss is not IRowwiseLoss rowwise || batch < SplitFromRows || threads <= 1 || !ComputeTeam.IsHeld)
            return loss.Compute(outputs, targets, weights, batch, gradient);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, _rowLosses.Length);
        fixed (float* o = outputs, t = targets, w = weights, g = gradient)
        fixed (double* rowLosses = _rowLosses)
        {
            var work = new Rows(rowwise, o, t, w, weights.IsEmpty, g, gradient.IsEmpty, rowLosses, batch);
            ComputeTeam.Run(ref work, (batch + RowsPerChunk - 1) / RowsPerChunk, threads);
        }
        double total = 0;
        for (int row = 0; row < batch; row++) total += _rowLosses[row];
        return total / batch;
    }

    /// <summary>Chunk i: rows i·<see cref="RowsPerChunk"/> onwards.</summary>
    private readonly struct Rows(IRowwiseLoss loss, float* outputs, float* targets, float* weights, bool unweighted, float* gradient,
        bool noGradient, double* rowLosses, int batch) : IChunkedWork
    {
        public void Run(int chunk)
        {
            var o = new ReadOnlySpan<float>(outputs, batch * loss.OutputSize);
            var t = new ReadOnlySpan<float>(targets, batch * loss.TargetSize);
            var w = unweighted ? default : new ReadOnlySpan<float>(weights, batch);
            var g = noGradient ? default : new Span<float>(gradient, batch * loss.OutputSize);
            for (int row = chunk * RowsPerChunk, end = Math.Min(batch, row + RowsPerChunk); row < end; row++)
            {
                rowLosses[row] = loss.RowLoss(o, t, w, row, batch, g);
            }
        }
    }
}
