-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "reservedByOrderId" UUID,
ADD COLUMN     "reservedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Product_reservedByOrderId_idx" ON "Product"("reservedByOrderId");
