// BLAS: the one place that calls OpenBLAS. Row-major single-precision GEMM,
// C[M, N] = alpha * op(A)[M, K] * op(B)[K, N] + beta * C, its matrix-vector
// special case, and thread control.

import CBLAS
import Dispatch
import Foundation

public enum BLAS {
    /// Row-major sgemm. `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored
    /// (so for a transposed A stored as [K, M], lda = M).
    @inline(__always)
    static func gemm(
        transA: Bool, transB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// Row-major sgemv, y[M] = alpha * A[M, N] * x[N] + beta * y: the batch-1 case
    /// of a dense layer, where GEMM would spend its time packing the weights.
    @inline(__always)
    static func gemv(
        m: Int, n: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>,
        beta: Float = 0,
        y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n),
                    alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// OpenBLAS 0.3.21 runs this network's GEMMs up to 1.5-3x slower until one large
    /// GEMM has gone through its buffers. Measured on this 2-core EPYC VM: a
    /// 64x288x196 sgemm took ~610 µs cold and ~210 µs after one 1024^3 sgemm, in
    /// Python via ctypes as well as here, with the same number of page faults, so
    /// the cause is inside OpenBLAS or the memory it was given, not in this code.
    /// Once per process, push one large GEMM through the buffer of each thread that
    /// may call OpenBLAS concurrently, then one through OpenBLAS's own threads.
    /// Costs about 0.2 s. Read `warmedUp` before timing-sensitive work.
    static let warmedUp: Bool = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let previous = threads
        threads = 1
        DispatchQueue.concurrentPerform(iterations: cores) { _ in largeGEMM() }
        threads = cores
        largeGEMM()
        threads = previous
        return true
    }()

    private static func largeGEMM(size: Int = 1024) {
        let a = [Float](repeating: 0.5, count: size * size)
        var c = [Float](repeating: 0, count: size * size)
        a.withUnsafeBufferPointer { ab in
            c.withUnsafeMutableBufferPointer { cb in
                gemm(transA: false, transB: false, m: size, n: size, k: size,
                     a: ab.baseAddress!, lda: size, b: ab.baseAddress!, ldb: size,
                     c: cb.baseAddress!, ldc: size)
            }
        }
    }

    /// How many threads OpenBLAS may use inside one sgemm call. Process-wide.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }
}
