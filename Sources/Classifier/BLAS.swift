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

    /// How many threads OpenBLAS may use inside one sgemm call. Process-wide.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }
}
