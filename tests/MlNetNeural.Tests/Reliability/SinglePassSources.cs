using System.Collections;
using System.Collections.Concurrent;
using Microsoft.ML;

namespace MlNetNeural.Tests.Reliability;

/// <summary>Data views over sources that cannot be read twice the same way, as real streams and queues are.</summary>
internal static class SinglePassSources
{
    /// <summary>The rows handed out through a consuming <see cref="BlockingCollection{T}"/>: the first cursor takes them all, any other gets none.</summary>
    public static IDataView Consuming<TRow>(MLContext ml, IEnumerable<TRow> rows) where TRow : class
    {
        var queue = new BlockingCollection<TRow>();
        foreach (var row in rows) queue.Add(row);
        queue.CompleteAdding();
        return ml.Data.LoadFromEnumerable(queue.GetConsumingEnumerable());
    }

    /// <summary>
    /// An enumerable that yields <paramref name="rows"/> on its first pass and <paramref name="laterPass"/> of each row on every
    /// later pass, counting what it hands out.
    /// </summary>
    public sealed class Changing<TRow>(IReadOnlyList<TRow> rows, Func<TRow, TRow> laterPass) : IEnumerable<TRow>
    {
        private int _passes;
        private int _rowsHandedOut;

        /// <summary>Passes started.</summary>
        public int Passes => _passes;

        /// <summary>Rows handed out over all passes.</summary>
        public int RowsHandedOut => _rowsHandedOut;

        public IEnumerator<TRow> GetEnumerator()
        {
            bool first = Interlocked.Increment(ref _passes) == 1;
            foreach (var row in rows)
            {
                Interlocked.Increment(ref _rowsHandedOut);
                yield return first ? row : laterPass(row);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
